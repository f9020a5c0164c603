import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { useCallback, useState } from "react";

/**
 * The icon on the stage, which of its variants is shown, and the icons opened this session.
 * `revealPending` asks the variant picker to take keyboard focus once it shows the icon (after a
 * generation), so the variant keys work at once; the picker calls `revealed()` when it has.
 */
export const useOpenIcon = () => {
  const [icon, setIcon] = useState<Icon | null>(null);
  const [variantIndex, setVariantIndex] = useState(0);
  const [history, setHistory] = useState<Icon[]>([]);
  const [revealPending, setRevealPending] = useState(false);

  const open = useCallback((next: Icon, options: { readonly reveal?: boolean } = {}) => {
    setIcon(next);
    setVariantIndex(0);
    setRevealPending(options.reveal === true);
    setHistory((all) => [next, ...all.filter((i) => i.id !== next.id)].slice(0, 50));
  }, []);

  const revealed = useCallback(() => setRevealPending(false), []);

  /**
   * A newer copy of an icon from the server (kept, renamed) replaces the old one on the stage and in
   * this session's history, keeping the shown variant; other icons are left alone.
   */
  const update = useCallback((next: Icon) => {
    setIcon((shown) => (shown?.id === next.id ? next : shown));
    setHistory((all) => all.map((i) => (i.id === next.id ? next : i)));
  }, []);

  /** A deleted icon leaves the stage (when shown) and this session's history. */
  const forget = useCallback((id: string) => {
    setIcon((shown) => (shown?.id === id ? null : shown));
    setHistory((all) => all.filter((i) => i.id !== id));
  }, []);

  const stepVariant = useCallback(
    (delta: number) => {
      const count = icon?.variants.length ?? 0;
      if (count > 0) setVariantIndex((i) => (i + delta + count) % count);
    },
    [icon],
  );

  return {
    icon,
    variantIndex,
    setVariantIndex,
    stepVariant,
    history,
    open,
    update,
    forget,
    revealPending,
    revealed,
  };
};
