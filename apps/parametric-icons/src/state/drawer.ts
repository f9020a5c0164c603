import { useCallback, useState } from "react";

export type DrawerTab = "history" | "inspector" | "library" | "session" | "sets" | "account";

const railTab = (tab: DrawerTab) => document.querySelector<HTMLElement>(`[data-tab="${tab}"]`);

/**
 * Which drawer panel is open. Opening moves focus into the drawer (components/drawer.tsx);
 * closing hands it back to the panel's rail tab.
 */
export const useDrawer = () => {
  const [drawer, setDrawer] = useState<DrawerTab | null>(null);
  // Closing the drawer unmounts whatever had focus inside it; hand focus back to its rail tab so
  // keyboard users are not dropped at the top of the page. Focus elsewhere (the prompt) stays.
  const close = useCallback(() => {
    const tab = drawer;
    if (!tab) return;
    const drawerHadFocus = document.activeElement?.closest("[data-drawer]") != null;
    setDrawer(null);
    requestAnimationFrame(() => {
      const lost = document.activeElement === document.body || document.activeElement === null;
      if (drawerHadFocus || lost) railTab(tab)?.focus();
    });
  }, [drawer]);
  const toggle = useCallback(
    (tab: DrawerTab) => (drawer === tab ? close() : setDrawer(tab)),
    [drawer, close],
  );
  return { drawer, toggle, close, hide: useCallback(() => setDrawer(null), []) };
};
