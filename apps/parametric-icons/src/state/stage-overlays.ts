import { useState } from "react";

/** The stage's drawing aids: the 32-unit grid (on by default) and the safe-area frame. */
export const useStageOverlays = () => {
  const [grid, setGrid] = useState(true);
  const [safeArea, setSafeArea] = useState(false);
  return { grid, setGrid, safeArea, setSafeArea };
};

export type StageOverlays = ReturnType<typeof useStageOverlays>;
