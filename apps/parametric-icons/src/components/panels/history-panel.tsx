import { Button } from "react-aria-components";
import type { Icon } from "../../lib/types";
import { SvgImage } from "../svg-image";
import { focusRing } from "../ui";

/** Icons generated or opened in this session, most recent first, with refine lineage. */
export function HistoryPanel(props: {
  history: readonly Icon[];
  currentId: string | undefined;
  onOpen: (icon: Icon) => void;
}) {
  if (props.history.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        Nothing yet. Icons you generate or open appear here.
      </p>
    );
  }
  const byId = new Map(props.history.map((i) => [i.id, i]));
  return (
    <ul className="flex flex-col gap-2">
      {props.history.map((icon) => (
        <li key={icon.id}>
          <Button
            onPress={() => props.onOpen(icon)}
            aria-current={icon.id === props.currentId ? "true" : undefined}
            className={`flex w-full items-center gap-3 rounded-md p-2 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing} ${
              icon.id === props.currentId ? "bg-sky-50 dark:bg-sky-950" : ""
            }`}
          >
            {icon.variants[0] && (
              <SvgImage
                svg={icon.variants[0].svg}
                alt=""
                className={`h-10 w-10 shrink-0 rounded ring-1 ring-zinc-300 dark:ring-zinc-600 ${icon.colorMode === "dark" ? "bg-zinc-900" : "bg-white"}`}
              />
            )}
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium">{icon.prompt}</span>
              <span className="block text-xs text-zinc-600 dark:text-zinc-300">
                {icon.intent === "refine"
                  ? `Refined from ${byId.get(icon.parentId ?? "")?.prompt ?? "an earlier icon"}`
                  : `${icon.variants.length} variants`}
              </span>
            </span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
