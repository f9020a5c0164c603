import { useSyncExternalStore } from "react";

/** Below Tailwind's `md` breakpoint the drawer covers the whole stage. */
export const PHONE_QUERY = "(max-width: 47.99rem)";

export const matchesMedia = (query: string): boolean =>
  typeof window !== "undefined" &&
  typeof window.matchMedia === "function" &&
  window.matchMedia(query).matches;

/** Whether a media query matches now, re-rendering when it changes (rotation, window resize). */
export const useMediaQuery = (query: string): boolean =>
  useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => matchesMedia(query),
    () => false,
  );
