import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiJson } from "../lib/api-client";
import type { IconPage } from "../lib/types";

export const ICONS_KEY = ["icons"] as const;
const PAGE_SIZE = 24;

/** The user's icons from the server, newest first, paged by cursor. */
export const useIconLibrary = (search: string) =>
  useInfiniteQuery({
    queryKey: [...ICONS_KEY, "list", search],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) params.set("cursor", pageParam);
      if (search) params.set("q", search);
      return apiJson<IconPage>(`/icons?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useDeleteIcon = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiJson<void>(`/icons/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ICONS_KEY }),
  });
};
