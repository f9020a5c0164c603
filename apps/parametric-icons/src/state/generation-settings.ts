import { useState } from "react";
import type { ColorMode, Engine, Intent } from "../lib/types";

/** How the next generation runs: create or refine, how many variants, palette and engine. */
export const useGenerationSettings = () => {
  const [mode, setMode] = useState<Intent>("create");
  const [batch, setBatch] = useState(true);
  const [variantCount, setVariantCount] = useState(3);
  const [palette, setPalette] = useState<ColorMode>("dark");
  const [engine, setEngine] = useState<Engine>("auto");
  return {
    mode,
    setMode,
    batch,
    setBatch,
    variantCount,
    setVariantCount,
    palette,
    setPalette,
    engine,
    setEngine,
  };
};

export type GenerationSettings = ReturnType<typeof useGenerationSettings>;
