/**
 * The local engine's public contract: what reading a prompt, drawing, redrawing and refining
 * return. Browser-safe types only; the API and the web app code against these shapes.
 *
 * Every outcome is a value, never an exception: `status` tells which one it is.
 *
 * Implemented by (all browser-safe, pure):
 * - `readPrompt(prompt) => PromptReading` (vocabulary.ts)
 * - `TOOL_PARAMETERS: Record<ToolId, readonly ParameterSpec[]>` (tool-parameters.ts),
 *   `TOOL_LABELS: Record<ToolId, string>` and `TOOL_CONSTRUCTIONS` (tool-catalog.ts); all three are
 *   re-exported by local-engine.ts
 * - `generateLocalIcons(input) => LocalEngineOutcome` (local-engine.ts); input is
 *   `{ prompt, variantCount, colorMode, intent, referenceSvg?, reference?: LocalReference, params?: ParamValues }`;
 *   `params` are exact values (the web app's live controls), applied over what the prompt names.
 * - `drawLocalIcon(request: DrawRequest) => LocalVariant`: the same drawing from the same
 *   parameters, for live redraw in the browser without a request.
 */
import type { DesignFinding } from "./design-check";
import type { ColorMode, ToolType } from "./design-system";
import type { ToolId } from "./vocabulary";

/** The numbers that drew one icon, keyed by `ParameterSpec.key` (e.g. `{ sides: 6 }`). */
export type ParamValues = Readonly<Record<string, number>>;

/** One live control the web app shows beside the stage for a tool. */
export interface ParameterSpec {
  /** Stable key, camelCase: "sides", "rows", "columns", "count", "sweep", "radius", "angle", "distance", "divisions"… */
  readonly key: string;
  /** What a person reads next to the control: "Sides", "Rotation angle". */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Shown after the value: "°", "units", "" (a count). */
  readonly unit: string;
  /** The value a new icon starts from. */
  readonly default?: number;
}

/** A word or command the reader matched, and the tool it names: for "what was understood". */
export interface PromptReading {
  /** `understood`: a tool was recognised. `not_understood`: none was, or the words contradict each other. */
  readonly status: "understood" | "not_understood";
  /** The tool, or null when not understood. `generic` only when the prompt asks for a generic icon. */
  readonly tool: ToolId | null;
  /** Numbers the prompt named, already in the tool's parameter keys and clamped to its specs ("hexagon" → { sides: 6 }). */
  readonly params: ParamValues;
  /** Words that carried meaning (tool words, modifiers, numbers), in prompt order. */
  readonly understood: readonly string[];
  /** Words that carried none, in prompt order. */
  readonly unknown: readonly string[];
  /** Up to three tool labels to offer when not understood ("polar array", "boolean union"). */
  readonly suggestions: readonly string[];
  /** One sentence for the user when not understood: what was missing or contradictory. */
  readonly message?: string;
}

export interface LocalVariant {
  readonly svg: string;
  readonly tool: ToolId;
  readonly toolType: ToolType;
  /** The parameters that drew this variant: redraw with `drawLocalIcon` to get the same SVG. */
  readonly params: ParamValues;
  /** Which construction this variant shows (e.g. "three points", "centre, start, end"). */
  readonly construction: string;
  readonly findings: DesignFinding[];
  readonly score: number;
  readonly passed: boolean;
}

/** A parameter a refinement changed, for "what the refine did". */
export interface ParamChange {
  readonly key: string;
  readonly from: number;
  readonly to: number;
}

/** The icon a refinement starts from: its tool and the parameters that drew it (from the stored variant). */
export interface LocalReference {
  readonly tool: ToolId;
  readonly params: ParamValues;
  readonly construction?: string;
}

export type LocalEngineOutcome =
  | {
      readonly status: "ok";
      readonly tool: ToolId;
      readonly toolType: ToolType;
      readonly understood: readonly string[];
      readonly unknown: readonly string[];
      readonly variants: readonly LocalVariant[];
      /** For a refinement: what changed from the reference (never empty for an ok refinement). */
      readonly changes: readonly ParamChange[];
      /** For a refinement that named another tool ("make it a circle"): the tool it started from. */
      readonly switchedFrom?: ToolId;
    }
  | {
      readonly status: "not_understood";
      readonly understood: readonly string[];
      readonly unknown: readonly string[];
      readonly suggestions: readonly string[];
      readonly message: string;
    }
  | {
      /**
       * The prompt asked for what the design system forbids (stroke weight, colour, fill, grip
       * size; for a new icon too), or a refinement would change nothing.
       */
      readonly status: "refused";
      readonly reason: "forbidden_by_design_system" | "no_change";
      readonly message: string;
      readonly understood: readonly string[];
      readonly unknown: readonly string[];
    };

export interface DrawRequest {
  readonly tool: ToolId;
  readonly params: ParamValues;
  readonly colorMode: ColorMode;
  readonly construction?: string;
}
