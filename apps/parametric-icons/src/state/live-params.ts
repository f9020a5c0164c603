import type { Asset as Icon, ParamChange } from "@parametric-portal/contracts/icons";
import type { ParameterSpec } from "@parametric-portal/icon-kit/engine-contract";
import { isToolId, type ToolId } from "@parametric-portal/icon-kit/tool-catalog";
import { TOOL_PARAMETERS } from "@parametric-portal/icon-kit/tool-parameters";
import { useEffect, useMemo, useState } from "react";

export interface LiveParams {
  readonly tool: ToolId;
  readonly specs: readonly ParameterSpec[];
  /** What the controls show: the stored values with the user's edits over them. */
  readonly values: Readonly<Record<string, number>>;
  readonly set: (key: string, value: number) => void;
  readonly reset: () => void;
  /** The edits that differ from the stored values, in the controls' order. */
  readonly changes: readonly ParamChange[];
  /** The redrawn icon while there are edits (once the engine chunk is in); null shows the stored one. */
  readonly svg: string | null;
}

type Engine = typeof import("@parametric-portal/icon-kit/local-engine");
let engineLoad: Promise<Engine> | null = null;

/**
 * The drawing engine (with the design-rule checker and its XML parser) is a chunk of its own,
 * fetched once when the first parametric icon is shown, so it is not part of the first page
 * load and is already there when a control first moves.
 */
const useEngine = (wanted: boolean): Engine | null => {
  const [engine, setEngine] = useState<Engine | null>(null);
  useEffect(() => {
    if (!wanted || engine !== null) return;
    let live = true;
    engineLoad ??= import("@parametric-portal/icon-kit/local-engine");
    engineLoad.then(
      (loaded) => live && setEngine(loaded),
      () => {
        // A failed chunk fetch (offline, new deploy) must be retried on the next icon, not cached.
        engineLoad = null;
      },
    );
    return () => {
      live = false;
    };
  }, [wanted, engine]);
  return engine;
};

/** "sides 6 → 8, angle 0 → 45": what a refinement changed. */
export const describeChanges = (changes: readonly ParamChange[]): string =>
  changes.map((c) => `${c.key} ${c.from} → ${c.to}`).join(", ");

/** "sides 8, angle 45": the prompt stored with a saved edit. */
export const describeEdit = (changes: readonly ParamChange[]): string =>
  changes.map((c) => `${c.key} ${c.to}`).join(", ");

/**
 * The shown local variant's parameters as editable values, redrawn in the browser by the same
 * engine that drew it, so dragging a control needs no request. Null for Claude's variants and
 * for rows stored before variants carried their parameters.
 */
export const useLiveParams = (icon: Icon | null, variantIndex: number): LiveParams | null => {
  const variant = icon?.variants[variantIndex];
  const stored = variant?.params;
  const tool = variant?.tool;
  // Edits belong to one variant of one icon: opening another starts from its stored values.
  const owner = `${icon?.id}:${variantIndex}`;
  const [edits, setEdits] = useState<{ owner: string; values: Record<string, number> }>({
    owner,
    values: {},
  });
  const current = edits.owner === owner ? edits.values : {};
  const engine = useEngine(stored !== undefined);

  const live = useMemo(() => {
    if (icon === null || stored === undefined || tool === undefined || !isToolId(tool)) return null;
    const specs = TOOL_PARAMETERS[tool];
    const values = { ...stored, ...current };
    const changes = specs.flatMap((s) => {
      const from = stored[s.key];
      const to = values[s.key];
      return from !== undefined && to !== undefined && from !== to ? [{ key: s.key, from, to }] : [];
    });
    const svg =
      changes.length === 0 || engine === null
        ? null
        : engine.drawLocalIcon({
            tool,
            params: values,
            colorMode: icon.colorMode,
            ...(variant?.construction !== undefined && { construction: variant.construction }),
          }).svg;
    return { tool, specs, values, changes, svg };
  }, [icon, stored, tool, current, variant?.construction, engine]);

  if (live === null) return null;
  return {
    ...live,
    set: (key, value) => setEdits({ owner, values: { ...current, [key]: value } }),
    reset: () => setEdits({ owner, values: {} }),
  };
};
