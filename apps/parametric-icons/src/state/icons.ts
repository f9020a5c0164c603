import type { Asset, ICON_SORTS, ICON_VIEWS, IconSummary } from "@parametric-portal/contracts/icons";
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { apiJson } from "../lib/api-client";
import type { IconPage } from "../lib/types";

export const ICONS_KEY = ["icons"] as const;
const PAGE_SIZE = 24;

export type IconView = (typeof ICON_VIEWS)[number];
export type IconSort = (typeof ICON_SORTS)[number];

/** What a list shows: history (everything generated) or library (kept), searched and filtered. */
export interface IconListQuery {
  readonly view?: IconView;
  readonly q?: string;
  readonly sort?: IconSort;
  readonly tool?: string;
  readonly toolType?: IconSummary["toolType"];
  readonly engine?: IconSummary["engine"];
}

/** The query string of GET /api/icons for one page; empty filters are left out. */
export const iconListParams = (query: IconListQuery, cursor: string | null): URLSearchParams => {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) params.set("cursor", cursor);
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  return params;
};

/** The user's icons from the server, paged by keyset cursor. */
export const useIconList = (query: IconListQuery) =>
  useInfiniteQuery({
    queryKey: [...ICONS_KEY, "list", query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiJson<IconPage>(`/icons?${iconListParams(query, pageParam)}`, { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Every write to an icon changes lists and sets (names, thumbnails, counts): refetch them. */
const useInvalidateIcons = () => {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ICONS_KEY }),
      client.invalidateQueries({ queryKey: ["sets"] }),
    ]);
};

/** Mutations that resolve to an updated icon (keep, rename), wherever in the app they run. */
export const ICON_WRITE_KEY = [...ICONS_KEY, "write"] as const;

/**
 * Calls onIcon with every icon a keep or rename returns, from any panel, so a copy held elsewhere
 * (the icon on the stage) follows a change made in the History or Library panel.
 */
export const useIconWrites = (onIcon: (icon: Asset) => void): void => {
  const client = useQueryClient();
  useEffect(
    () =>
      client.getMutationCache().subscribe((event) => {
        const { mutation } = event;
        if (event.type !== "updated" || event.action.type !== "success" || !mutation) return;
        const key = mutation.options.mutationKey;
        if (key?.length === ICON_WRITE_KEY.length && key.every((k, i) => k === ICON_WRITE_KEY[i]))
          onIcon(mutation.state.data as Asset);
      }),
    [client, onIcon],
  );
};

const iconPath = (id: string) => `/icons/${encodeURIComponent(id)}`;

export const useDeleteIcon = () => {
  const invalidate = useInvalidateIcons();
  return useMutation({
    mutationFn: (id: string) => apiJson<void>(iconPath(id), { method: "DELETE" }),
    onSuccess: invalidate,
  });
};

/** Deletes up to ICON_LIMITS.bulkMaxIds icons; resolves to the ids that were deleted. */
export const useBulkDeleteIcons = () => {
  const invalidate = useInvalidateIcons();
  return useMutation({
    mutationFn: async (ids: readonly string[]) =>
      (await apiJson<{ deleted: string[] }>("/icons/bulk-delete", { method: "POST", body: { ids } })).deleted,
    onSuccess: invalidate,
  });
};

/**
 * Keep (into the library) or unkeep (back to history only); resolves to the updated icon. Loaded
 * lists show the new state at once, so a Keep toggle answers the press; every list is refetched
 * after the request either way, which also undoes the change if it failed.
 */
export const useKeepIcon = () => {
  const client = useQueryClient();
  const invalidate = useInvalidateIcons();
  return useMutation({
    mutationKey: ICON_WRITE_KEY,
    // `variant`: the variant the user picked on the stage, which the Library's thumbnail and "Add to
    // set" then use; History's toggle has no pick and sends none.
    mutationFn: async ({ id, kept, variant }: { id: string; kept: boolean; variant?: number }) =>
      (
        await apiJson<{ icon: Asset }>(`${iconPath(id)}/keep`, {
          method: kept ? "PUT" : "DELETE",
          ...(kept && variant !== undefined && { body: { variant } }),
        })
      ).icon,
    onMutate: async ({ id, kept }) => {
      // A refetch already under way (after an earlier toggle) would overwrite this change.
      await client.cancelQueries({ queryKey: [...ICONS_KEY, "list"] });
      client.setQueriesData<InfiniteData<IconPage>>({ queryKey: [...ICONS_KEY, "list"] }, (data) =>
        data ? withKept(data, id, kept) : data,
      );
    },
    onSettled: invalidate,
  });
};

/** A cached list with one icon's `kept` flag changed. */
export const withKept = (
  data: InfiniteData<IconPage>,
  id: string,
  kept: boolean,
): InfiniteData<IconPage> => ({
  ...data,
  pages: data.pages.map((page) => ({
    ...page,
    items: page.items.map((icon) => (icon.id === id ? { ...icon, kept } : icon)),
  })),
});

/** Sets or clears (null) the user's label for an icon; resolves to the updated icon. */
export const useRenameIcon = () => {
  const invalidate = useInvalidateIcons();
  return useMutation({
    mutationKey: ICON_WRITE_KEY,
    mutationFn: async ({ id, name }: { id: string; name: string | null }) =>
      (await apiJson<{ icon: Asset }>(iconPath(id), { method: "PATCH", body: { name } })).icon,
    onSuccess: invalidate,
  });
};
