import { useEffect, useRef } from "react";

// Inputs that take no typed text: a focused variant radio must still let `[`, `]` and `d` through.
const KEYLESS_INPUTS = new Set(["radio", "checkbox"]);

const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ["TEXTAREA", "SELECT"].includes(target.tagName) ||
    (target instanceof HTMLInputElement && !KEYLESS_INPUTS.has(target.type)));

/**
 * Single-key shortcuts for the common actions. They are ignored while typing in a field (except
 * Escape) and when a modifier is held, so they never fight the browser or the prompt.
 */
export const useShortcuts = (handlers: Record<string, () => void>): void => {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key !== "Escape" && typingIn(event.target)) return;
      // Dialogs and menus handle their own keys.
      if (
        event.target instanceof Element &&
        event.target.closest("[role=dialog],[role=alertdialog],[role=menu]")
      )
        return;
      const handler = latest.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
};
