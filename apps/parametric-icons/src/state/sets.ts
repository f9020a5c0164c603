import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import type { AddSetItemsBody, IconSet, IconSetItem } from "@parametric-portal/contracts/sets";
import type { ExportIcon } from "@parametric-portal/icon-kit/export-options";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiJson } from "../lib/api-client";
import { exportIconOf } from "../lib/export-request";

export const SETS_KEY = ["sets"] as const;

interface SetPage {
  readonly items: readonly IconSet[];
  readonly nextCursor: string | null;
}
export interface SetWithItems {
  readonly set: IconSet;
  readonly items: readonly IconSetItem[];
}

const setPath = (id: string) => `/sets/${encodeURIComponent(id)}`;

/** The user's sets, newest first, paged by cursor. */
export const useSets = () =>
  useInfiniteQuery({
    queryKey: [...SETS_KEY, "list"],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiJson<SetPage>(`/sets${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`, { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** One set with its items in order; disabled while id is null. */
export const useSet = (id: string | null) =>
  useQuery({
    queryKey: [...SETS_KEY, "one", id],
    enabled: id !== null,
    queryFn: ({ signal }) => apiJson<SetWithItems>(setPath(id ?? ""), { signal }),
  });

const useSetMutation = <V, R>(fn: (vars: V) => Promise<R>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: SETS_KEY }) });
};

export const useCreateSet = () =>
  useSetMutation(
    async (name: string) =>
      (await apiJson<{ set: IconSet }>("/sets", { method: "POST", body: { name } })).set,
  );

export const useRenameSet = () =>
  useSetMutation(
    async ({ id, name }: { id: string; name: string }) =>
      (await apiJson<{ set: IconSet }>(setPath(id), { method: "PATCH", body: { name } })).set,
  );

export const useDeleteSet = () =>
  useSetMutation((id: string) => apiJson<void>(setPath(id), { method: "DELETE" }));

export const useAddToSet = () =>
  useSetMutation(({ id, items }: { id: string; items: AddSetItemsBody["items"] }) =>
    apiJson<SetWithItems>(`${setPath(id)}/items`, { method: "POST", body: { items } }),
  );

export const useRemoveFromSet = () =>
  useSetMutation(({ id, itemId }: { id: string; itemId: string }) =>
    apiJson<void>(`${setPath(id)}/items/${encodeURIComponent(itemId)}`, { method: "DELETE" }),
  );

/**
 * The ids in a new order with the one at `index` moved by `delta` places (clamped to the ends);
 * the same array when it cannot move.
 */
export const moveItem = <T>(ids: readonly T[], index: number, delta: number): readonly T[] => {
  const to = Math.max(0, Math.min(ids.length - 1, index + delta));
  if (index < 0 || index >= ids.length || to === index) return ids;
  const next = [...ids];
  const [moved] = next.splice(index, 1) as [T];
  next.splice(to, 0, moved);
  return next;
};

/**
 * itemIds: every item of the set, each once, in the new order. The open set shows the new order at
 * once (a keyboard user pressing "move earlier" twice must move the item two places), and goes back
 * to the server's order if the request fails.
 */
export const useReorderSet = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, itemIds }: { id: string; itemIds: readonly string[] }) =>
      apiJson<SetWithItems>(`${setPath(id)}/order`, { method: "PUT", body: { itemIds } }),
    onMutate: async ({ id, itemIds }) => {
      const key = [...SETS_KEY, "one", id];
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<SetWithItems>(key);
      if (before) {
        const byId = new Map(before.items.map((item) => [item.id, item]));
        const items = itemIds.flatMap((itemId, position) => {
          const item = byId.get(itemId);
          return item ? [{ ...item, position }] : [];
        });
        client.setQueryData<SetWithItems>(key, { ...before, items });
      }
      return { key, before };
    },
    onError: (_error, _vars, context) => {
      if (context?.before) client.setQueryData(context.key, context.before);
    },
    onSettled: () => client.invalidateQueries({ queryKey: SETS_KEY }),
  });
};

/** Icons read at once while exporting a set: enough to be quick, few enough to be polite. */
const READ_BATCH = 6;

/**
 * A set's items as export input, each named from its icon (label, creating prompt or tool; see
 * `exportName`), read from the API; a failed read rejects with the API's message.
 */
export const setExportIcons = async (items: readonly IconSetItem[]): Promise<ExportIcon[]> => {
  const out: ExportIcon[] = [];
  for (let i = 0; i < items.length; i += READ_BATCH) {
    const batch = items.slice(i, i + READ_BATCH);
    out.push(
      ...(await Promise.all(
        batch.map(async (item) => {
          const { icon } = await apiJson<{ icon: Icon }>(`/icons/${encodeURIComponent(item.iconId)}`);
          const position = icon.variants.findIndex((v) => v.index === item.variantIndex);
          return position >= 0 ? exportIconOf(icon, position) : { name: item.name ?? "icon", svg: item.svg };
        }),
      )),
    );
  }
  return out;
};
