import type { ReactNode } from "react";
import { Button, Tooltip, TooltipTrigger } from "react-aria-components";

/**
 * A glyph-only button: the accessible name says exactly what it does, and a tooltip shows a short
 * form of it on hover and on keyboard focus, since a glyph alone means little to sighted users.
 */
export function IconButton(props: {
  readonly label: string;
  readonly tooltip?: string;
  readonly className: string;
  readonly onPress: () => void;
  readonly keyShortcuts?: string;
  readonly children: ReactNode;
}) {
  return (
    <TooltipTrigger delay={400} closeDelay={0}>
      <Button
        className={props.className}
        aria-label={props.label}
        onPress={props.onPress}
        {...(props.keyShortcuts && { "aria-keyshortcuts": props.keyShortcuts })}
      >
        {props.children}
      </Button>
      <Tooltip
        offset={6}
        className="rounded bg-zinc-900 px-2 py-1 text-xs text-white shadow dark:bg-zinc-100 dark:text-zinc-900"
      >
        {props.tooltip ?? props.label}
      </Tooltip>
    </TooltipTrigger>
  );
}
