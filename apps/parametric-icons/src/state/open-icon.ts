import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { useCallback, useState } from "react";

/** The icon on the stage, which of its variants is shown, and the icons opened this session. */
export const useOpenIcon = () => {
  const [icon, setIcon] = useState<Icon | null>(null);
  const [variantIndex, setVariantIndex] = useState(0);
  const [history, setHistory] = useState<Icon[]>([]);

  const open = useCallback((next: Icon) => {
    setIcon(next);
    setVariantIndex(0);
    setHistory((all) => [next, ...all.filter((i) => i.id !== next.id)].slice(0, 50));
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

  return { icon, variantIndex, setVariantIndex, stepVariant, history, open, forget };
};
