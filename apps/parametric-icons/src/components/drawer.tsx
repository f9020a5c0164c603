import { type ReactNode, useEffect, useRef } from "react";
import { IconButton } from "./icon-button";
import { buttonGhost } from "./ui";

/**
 * Side drawer next to the rail; full-screen above the bottom bar on phones. Opening it (or
 * switching panels) moves focus to its heading, so keyboard users land in the panel they asked
 * for; Escape closes it (state/shortcuts.ts). `wide` fits a grid.
 */
export function Drawer(props: {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** From md up: wide enough for a grid (the library) instead of w-80. */
  readonly wide?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new title is a new panel to land in.
  useEffect(() => {
    heading.current?.focus();
  }, [props.title]);
  return (
    <aside
      aria-label={props.title}
      data-drawer=""
      className={`fixed inset-x-0 top-0 bottom-14 z-30 flex flex-col border-zinc-200 bg-white md:static md:bottom-auto md:z-auto md:h-dvh ${props.wide ? "md:w-[min(38rem,55vw)]" : "md:w-80"} md:shrink-0 md:border-r dark:border-zinc-800 dark:bg-zinc-900`}
    >
      <header className="flex items-center justify-between border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h2 ref={heading} tabIndex={-1} className="font-semibold outline-none">
          {props.title}
        </h2>
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
