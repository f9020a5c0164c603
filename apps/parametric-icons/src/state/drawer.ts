import { useCallback, useState } from "react";

export type DrawerTab = "history" | "inspector" | "library" | "session" | "sets" | "account";

/** Which drawer panel is open; closing hands focus back to the panel's rail tab. */
export const useDrawer = () => {
  const [drawer, setDrawer] = useState<DrawerTab | null>(null);
  const toggle = useCallback((tab: DrawerTab) => setDrawer((open) => (open === tab ? null : tab)), []);
  // Closing the drawer unmounts whatever had focus inside it; hand focus back to its rail tab so
  // keyboard users are not dropped at the top of the page.
  const close = useCallback(() => {
    const tab = drawer;
    setDrawer(null);
    if (!tab) return;
    requestAnimationFrame(() => {
      if (document.activeElement === document.body || document.activeElement === null)
        document.querySelector<HTMLElement>(`[data-tab="${tab}"]`)?.focus();
    });
  }, [drawer]);
  return { drawer, toggle, close, hide: useCallback(() => setDrawer(null), []) };
};
