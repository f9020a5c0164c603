import type { AddSetItemsBody, IconSet, IconSetItem } from "@parametric-portal/contracts/sets";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiJson } from "../lib/api-client";

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

/** itemIds: every item of the set, each once, in the new order. */
export const useReorderSet = () =>
  useSetMutation(({ id, itemIds }: { id: string; itemIds: readonly string[] }) =>
    apiJson<SetWithItems>(`${setPath(id)}/order`, { method: "PUT", body: { itemIds } }),
  );
