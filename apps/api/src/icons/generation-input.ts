import type { Asset, ParamChange, ProgressEvent } from "@parametric-portal/contracts/icons";
import type { DesignCheckResult } from "@parametric-portal/icon-kit/design-check";
import type { LocalReference, ParamValues } from "@parametric-portal/icon-kit/engine-contract";

/** What an engine is asked for, after validation and input sanitising. */
export interface GenerationInput {
  readonly prompt: string;
  readonly intent: Asset["intent"];
  readonly colorMode: Asset["colorMode"];
  readonly variantCount: number;
  /** Already sanitised. */
  readonly referenceSvg?: string;
  /** Already sanitised; at most four. */
  readonly attachments: readonly { readonly name: string; readonly svg: string }[];
  /** Local refinements: the tool and parameters that drew the parent variant. */
  readonly reference?: LocalReference;
  /** Local refinements: exact values from the live controls, already checked against the tool's. */
  readonly params?: ParamValues;
}

/** A variant as an engine returns it, before sanitising and design checking. */
export interface RawVariant {
  readonly svg: string;
  readonly toolType?: string;
  readonly rationale?: string;
  /** Local engine only: what drew it, so it can be redrawn and refined from its parameters. */
  readonly tool?: string;
  readonly params?: ParamValues;
  readonly construction?: string;
  /** What was already done to make it pass, e.g. a correction by the model in a repair round. */
  readonly repairs?: readonly string[];
  /**
   * Local engine only: the engine's own design check of `svg`. finishVariants reuses it for
   * output of origin "local" instead of checking the drawing again, and ignores it otherwise.
   */
  readonly check?: Pick<DesignCheckResult, "passed" | "score" | "findings">;
}

/**
 * Who wrote a variant's SVG: "local" is the parametric engine's own drawing (built from numbers
 * and fixed labels, nothing a user or model wrote), "model" is anything else.
 */
export type VariantOrigin = "local" | "model";

export interface EngineOutput {
  readonly variants: readonly RawVariant[];
  readonly understood?: readonly string[];
  readonly notUnderstood?: readonly string[];
  /** A local refinement: what it changed from its reference. */
  readonly changes?: readonly ParamChange[];
}

export type ProgressListener = (event: ProgressEvent) => void;
