import { useEffect, useRef } from "react";

// Inputs that take no typed text: a focused variant radio must still let `[`, `]` and `d` through.
const KEYLESS_INPUTS = new Set(["radio", "checkbox"]);

const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ["TEXTAREA", "SELECT"].includes(target.tagName) ||
    (target instanceof HTMLInputElement && !KEYLESS_INPUTS.has(target.type)));

// Dialogs, menus and list popovers handle their own keys, Escape included.
const inOverlay = (target: EventTarget | null): boolean =>
  target instanceof Element &&
  target.closest("[role=dialog],[role=alertdialog],[role=menu],[role=listbox]") !== null;

/**
 * A shortcut's handler; returning `false` says it had nothing to do, so the key goes on to whatever
 * else would handle it (a search field clearing its text, say).
 */
export type ShortcutHandler = () => unknown;

/**
 * Single-key shortcuts for the common actions. They are ignored while typing in a field (except
 * Escape) and when a modifier is held, so they never fight the browser or the prompt.
 *
 * Escape is read in the capture phase, before React Aria's fields and tooltips: a search field
 * holding text would otherwise take the first press to clear itself (and stop it there), so closing
 * a drawer took two presses. Inside a dialog or menu it is left to them.
 */
export const useShortcuts = (handlers: Record<string, ShortcutHandler>): void => {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const modified = (event: KeyboardEvent) => event.ctrlKey || event.metaKey || event.altKey;
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || modified(event) || inOverlay(event.target))
        return;
      const handler = latest.current.Escape;
      if (!handler || handler() === false) return;
      event.preventDefault();
      event.stopPropagation();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" || event.defaultPrevented || modified(event)) return;
      if (typingIn(event.target) || inOverlay(event.target)) return;
      const handler = latest.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onEscape, true);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onEscape, true);
      window.removeEventListener("keydown", onKey);
    };
  }, []);
};
