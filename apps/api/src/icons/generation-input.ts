import type { Asset, ProgressEvent } from "@parametric-portal/contracts/icons";

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
}

/** A variant as an engine returns it, before sanitising and design checking. */
export interface RawVariant {
  readonly svg: string;
  readonly toolType?: string;
  readonly rationale?: string;
  /** What was already done to make it pass, e.g. a correction by the model in a repair round. */
  readonly repairs?: readonly string[];
}

export interface EngineOutput {
  readonly variants: readonly RawVariant[];
  readonly understood?: readonly string[];
  readonly notUnderstood?: readonly string[];
}

export type ProgressListener = (event: ProgressEvent) => void;
