import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { useCallback, useState } from "react";
import { addAttachments } from "../lib/svg-upload";
import type { Attachment, ColorMode, Engine, Intent } from "../lib/types";

export type DrawerTab = "history" | "inspector" | "library" | "session" | "account";
export interface LogEntry {
  readonly id: number;
  readonly at: Date;
  readonly kind: "prompt" | "system" | "error";
  readonly text: string;
}

let logId = 1;

/** Everything the workspace shows that is not server data: the open icon, settings, tray and log. */
export const useWorkspaceState = () => {
  const [icon, setIcon] = useState<Icon | null>(null);
  const [variantIndex, setVariantIndex] = useState(0);
  const [mode, setMode] = useState<Intent>("create");
  const [batch, setBatch] = useState(true);
  const [variantCount, setVariantCount] = useState(3);
  const [palette, setPalette] = useState<ColorMode>("dark");
  const [engine, setEngine] = useState<Engine>("auto");
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [grid, setGrid] = useState(true);
  const [safeArea, setSafeArea] = useState(false);
  const [drawer, setDrawer] = useState<DrawerTab | null>(null);
  const [history, setHistory] = useState<Icon[]>([]);
  const [log, setLog] = useState<LogEntry[]>([]);

  const addLog = useCallback((kind: LogEntry["kind"], text: string) => {
    setLog((all) => [...all.slice(-199), { id: logId++, at: new Date(), kind, text }]);
  }, []);

  /** Opens an icon on the stage; its palette becomes the palette for the next generation. */
  const openIcon = useCallback((next: Icon) => {
    setIcon(next);
    setVariantIndex(0);
    setPalette(next.colorMode);
    setHistory((all) => [next, ...all.filter((i) => i.id !== next.id)].slice(0, 50));
  }, []);

  const attach = useCallback(
    (incoming: readonly Attachment[]): string[] => {
      const result = addAttachments(attachments, incoming);
      setAttachments(result.attachments);
      return result.skipped;
    },
    [attachments],
  );

  const stepVariant = useCallback(
    (delta: number) => {
      const count = icon?.variants.length ?? 0;
      if (count > 0) setVariantIndex((i) => (i + delta + count) % count);
    },
    [icon],
  );

  return {
    icon,
    openIcon,
    closeIcon: () => setIcon(null),
    variantIndex,
    setVariantIndex,
    stepVariant,
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
    attachments,
    attach,
    detach: (svg: string) => setAttachments((all) => all.filter((a) => a.svg !== svg)),
    clearAttachments: () => setAttachments([]),
    grid,
    setGrid,
    safeArea,
    setSafeArea,
    drawer,
    setDrawer,
    history,
    setHistory,
    log,
    addLog,
  };
};

export type WorkspaceState = ReturnType<typeof useWorkspaceState>;
