import type { ReactNode } from "react";
import { IconButton } from "./icon-button";
import { buttonGhost } from "./ui";

/** Side drawer next to the rail; full-screen above the bottom bar on phones. `wide` fits a grid. */
export function Drawer(props: { title: string; onClose: () => void; wide?: boolean; children: ReactNode }) {
  return (
    <aside
      aria-label={props.title}
      className={`fixed inset-x-0 top-0 bottom-14 z-30 flex flex-col border-zinc-200 bg-white md:static md:bottom-auto md:z-auto md:h-dvh ${props.wide ? "md:w-[min(38rem,55vw)]" : "md:w-80"} md:shrink-0 md:border-r dark:border-zinc-800 dark:bg-zinc-900`}
    >
      <header className="flex items-center justify-between border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h2 className="font-semibold">{props.title}</h2>
        <IconButton
          className={buttonGhost}
          onPress={props.onClose}
          label={`Close ${props.title}`}
          tooltip="Close (Esc)"
          keyShortcuts="Escape"
        >
          ×
        </IconButton>
      </header>
      <div className="flex-1 overflow-y-auto p-4">{props.children}</div>
    </aside>
  );
}
