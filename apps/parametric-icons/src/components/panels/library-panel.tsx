import type { IconSummary } from "@parametric-portal/contracts/icons";
import { ICON_LIMITS } from "@parametric-portal/contracts/limits";
import { useEffect, useRef, useState } from "react";
import { Button, Input, Label, SearchField } from "react-aria-components";
import { endedSession, errorMessage } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useDeleteIcon, useIconList } from "../../state/icons";
import { useToast } from "../../state/toasts";
import { ConfirmDialog } from "../confirm-dialog";
import { AttachGlyph, TrashGlyph } from "../glyphs";
import { IconButton } from "../icon-button";
import { IconThumbnail } from "../icon-thumbnail";
import { buttonGhost, buttonSecondary, focusRing, inputBase, label } from "../ui";

/** The user's icons from the server: search, load more, open, attach as reference, delete (confirmed). */
export function LibraryPanel(props: {
  onOpen: (icon: IconSummary) => void;
  onAttach: (icon: IconSummary) => void;
  onDeleted: (id: string) => void;
}) {
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [pending, setPending] = useState<IconSummary | null>(null);
  const toast = useToast();
  const remove = useDeleteIcon();
  const library = useIconList({ q: search });
  const sentinel = useRef<HTMLDivElement>(null);

  // Debounced so typing does not send a request per key.
  useEffect(() => {
    const t = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);

  // Infinite scroll; the "Load more" button remains for keyboard and screen-reader users.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = library;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const icons = library.data?.pages.flatMap((p) => p.items) ?? [];
  const confirmDelete = () => {
    const icon = pending;
    setPending(null);
    if (!icon) return;
    remove.mutate(icon.id, {
      onSuccess: () => {
        props.onDeleted(icon.id);
        toast.show("success", `Deleted “${icon.prompt}”.`);
      },
      onError: (e) => endedSession(e) || toast.show("error", errorMessage(e)),
    });
  };

  return (
    <div className="flex flex-col gap-3">
      <SearchField value={text} onChange={setText} className="flex flex-col gap-1">
        <Label className={label}>Search your icons</Label>
        <Input className={inputBase} placeholder="e.g. arc" maxLength={ICON_LIMITS.searchMaxLength} />
      </SearchField>
      {library.isPending && <p className="text-sm">Loading your library…</p>}
      {library.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorMessage(library.error)}{" "}
          <Button className="underline" onPress={() => library.refetch()}>
            Retry
          </Button>
        </p>
      )}
      {library.isSuccess && icons.length === 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          {search
            ? `No icons match “${search}”.`
            : "Your library is empty. Generated icons are saved here automatically."}
        </p>
      )}
      <ul aria-label="Saved icons" className="flex flex-col gap-1" data-testid="library-list">
        {icons.map((icon) => (
          <li
            key={icon.id}
            className="flex items-center gap-1 rounded-md hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            <Button
              onPress={() => props.onOpen(icon)}
              className={`flex min-w-0 flex-1 items-center gap-2 rounded-md p-1.5 text-left ${focusRing}`}
            >
              <IconThumbnail icon={icon} />
              <span className="min-w-0">
                <span className="block truncate text-sm font-medium">{icon.prompt}</span>
                <span className="block truncate text-xs text-zinc-600 dark:text-zinc-300">
                  {icon.intent === "refine" ? "refined · " : ""}
                  {formatDate(icon.createdAt)}
                </span>
              </span>
            </Button>
            <IconButton
              className={buttonGhost}
              label={`Use ${icon.prompt} as style reference`}
              tooltip="Use as style reference"
              onPress={() => props.onAttach(icon)}
            >
              <AttachGlyph />
            </IconButton>
            <IconButton
              className={buttonGhost}
              label={`Delete ${icon.prompt}`}
              tooltip="Delete"
              onPress={() => setPending(icon)}
            >
              <TrashGlyph />
            </IconButton>
          </li>
        ))}
      </ul>
      <div ref={sentinel} />
      {library.hasNextPage && (
        <Button
          className={buttonSecondary}
          onPress={() => void library.fetchNextPage()}
          isDisabled={library.isFetchingNextPage}
        >
          {library.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
      <ConfirmDialog
        open={pending !== null}
        title="Delete this icon?"
        body={`“${pending?.prompt ?? ""}” and all its variants will be removed from your library. This cannot be undone.`}
        confirmLabel="Delete"
        onConfirm={confirmDelete}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}
