import type { Asset as Icon, IconSummary } from "@parametric-portal/contracts/icons";
import { Button, ToggleButton } from "react-aria-components";
import { endedSession, errorMessage } from "../../lib/api-client";
import { useIconList, useKeepIcon } from "../../state/icons";
import { useToast } from "../../state/toasts";
import { KeepGlyph } from "../glyphs";
import { IconThumbnail } from "../icon-thumbnail";
import { iconDisplayName } from "../library/library-query";
import { buttonSecondary, focusRing } from "../ui";

/**
 * Everything you generated, newest first, with refine lineage and a Keep toggle that puts an icon
 * in the Library. It reads the server, so history follows you to every browser and survives reloads.
 */
export function HistoryPanel(props: {
  session: readonly Icon[];
  currentId: string | undefined;
  onOpen: (icon: IconSummary) => void;
}) {
  const recent = useIconList({ view: "history" });
  const keep = useKeepIcon();
  const toast = useToast();
  const setKept = (icon: IconSummary, kept: boolean) =>
    keep.mutate(
      { id: icon.id, kept },
      {
        onSuccess: () =>
          toast.show(
            "success",
            kept
              ? `Kept “${iconDisplayName(icon)}” in your library.`
              : `Removed “${iconDisplayName(icon)}” from your library. It stays here.`,
          ),
        onError: (e) => endedSession(e) || toast.show("error", errorMessage(e)),
      },
    );
  const icons = recent.data?.pages.flatMap((p) => p.items) ?? [];
  if (recent.isPending) return <p className="text-sm">Loading your history…</p>;
  if (recent.isError)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {errorMessage(recent.error)}{" "}
        <Button className={`underline ${focusRing}`} onPress={() => recent.refetch()}>
          Retry
        </Button>
      </p>
    );
  if (icons.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        Nothing yet. Icons you generate appear here, on every device you sign in on.
      </p>
    );
  }
  // Parents may be older than the loaded page; icons opened in this session fill the gap.
  const byId = new Map([...props.session, ...icons].map((i) => [i.id, i]));
  return (
    <div className="flex flex-col gap-2">
      <ul className="flex flex-col gap-2" aria-label="Recent icons">
        {icons.map((icon) => (
          <li key={icon.id} className="flex items-center gap-1">
            <Button
              onPress={() => props.onOpen(icon)}
              aria-current={icon.id === props.currentId ? "true" : undefined}
              className={`flex min-w-0 flex-1 items-center gap-3 rounded-md p-2 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing} ${
                icon.id === props.currentId ? "bg-sky-50 dark:bg-sky-950" : ""
              }`}
            >
              <IconThumbnail icon={icon} />
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium">{icon.prompt}</span>
                <span className="block truncate text-xs text-zinc-600 dark:text-zinc-300">
                  {icon.intent === "refine"
                    ? `Refined from ${byId.get(icon.parentId ?? "")?.prompt ?? "an earlier icon"}`
                    : `${icon.variantCount} variant${icon.variantCount === 1 ? "" : "s"}`}
                </span>
              </span>
            </Button>
            <ToggleButton
              isSelected={icon.kept}
              onChange={(kept) => setKept(icon, kept)}
              isDisabled={keep.isPending && keep.variables?.id === icon.id}
              className={`inline-flex shrink-0 items-center gap-1 rounded-md border px-2 py-1 text-xs font-medium ${focusRing} border-zinc-300 text-zinc-700 hover:bg-zinc-100 selected:border-sky-700 selected:bg-sky-700 selected:text-white dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800`}
            >
              <KeepGlyph filled={icon.kept} />
              {/* One name in both states ("Keep …"), as a toggle's must be; aria-pressed says
                  whether it is kept, and the filled bookmark shows it. */}
              Keep<span className="sr-only"> {iconDisplayName(icon)}</span>
            </ToggleButton>
          </li>
        ))}
      </ul>
      {recent.hasNextPage && (
        <Button
          className={buttonSecondary}
          onPress={() => void recent.fetchNextPage()}
          isDisabled={recent.isFetchingNextPage}
        >
          {recent.isFetchingNextPage ? "Loading…" : "Show older icons"}
        </Button>
      )}
    </div>
  );
}
