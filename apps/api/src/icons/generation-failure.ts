import type { ErrorBody, ErrorCode } from "@parametric-portal/contracts/errors";
import type { NotUnderstoodDetails, RefineRefusedDetails } from "@parametric-portal/contracts/icons";
import type { PromptReading } from "@parametric-portal/icon-kit/engine-contract";
import { ERROR_STATUS } from "../http/errors";

/**
 * Why a generation ended without a stored icon, as a value decided where the failure is known
 * (the provider mapping, the engine's outcome, the run). `billed` says whether the model may
 * have been paid for it (the quota keeps the place for 24 hours then); `retryable` whether the
 * same request may succeed later. The route turns it into HTTP once, with `generationFailureToHttp`.
 */
export type GenerationFailure =
  | { readonly kind: "provider_key_refused"; readonly billed: false; readonly retryable: false }
  | {
      readonly kind: "provider_rate_limited";
      readonly billed: false;
      readonly retryable: true;
      /** The provider's Retry-After, when it sent a whole number of seconds. */
      readonly retryAfterSeconds?: string;
    }
  | { readonly kind: "provider_overloaded"; readonly billed: false; readonly retryable: true }
  | { readonly kind: "provider_unreachable"; readonly billed: false; readonly retryable: true }
  | { readonly kind: "provider_error"; readonly billed: true; readonly retryable: true }
  | { readonly kind: "bad_output"; readonly billed: true; readonly retryable: true; readonly why: string }
  | {
      readonly kind: "answer_too_large";
      readonly billed: true;
      readonly retryable: true;
      readonly limitBytes: number;
      readonly variantCount: number;
    }
  | { readonly kind: "timeout"; readonly billed: true; readonly retryable: true }
  | { readonly kind: "cancelled"; readonly billed: true; readonly retryable: false }
  | {
      readonly kind: "not_understood";
      readonly billed: false;
      readonly retryable: false;
      readonly reason: string;
      readonly details: NotUnderstoodDetails;
    }
  | {
      readonly kind: "refine_refused";
      readonly billed: false;
      readonly retryable: false;
      readonly message: string;
      readonly details: RefineRefusedDetails;
    }
  /** Anything else (a bug, the database gone past the store retries): answered like any route error. */
  | {
      readonly kind: "unexpected";
      readonly billed: true;
      readonly retryable: false;
      readonly cause: unknown;
    };

export type GenerationFailureKind = GenerationFailure["kind"];

/**
 * Carries a failure through code that can only throw (the SDK's stream loop, deep helpers);
 * `runGeneration` catches it and hands the value on, so no caller ever reads it as an exception.
 */
export class GenerationFailed extends Error {
  override readonly name = "GenerationFailed";
  constructor(readonly failure: GenerationFailure) {
    super(failure.kind);
  }
}

export const failed = (failure: GenerationFailure): GenerationFailed => new GenerationFailed(failure);

export const failureOf = (error: unknown): GenerationFailure =>
  error instanceof GenerationFailed
    ? error.failure
    : { kind: "unexpected", billed: true, retryable: false, cause: error };

export const badOutput = (why: string): GenerationFailed =>
  failed({ kind: "bad_output", billed: true, retryable: true, why });

/** The streamed answer outgrew what the asked-for variants can need; the stream is then aborted. */
export const answerTooLarge = (limitBytes: number, variantCount: number): GenerationFailed =>
  failed({ kind: "answer_too_large", billed: true, retryable: true, limitBytes, variantCount });

export const timedOut = (): GenerationFailed => failed({ kind: "timeout", billed: true, retryable: true });

/** The client went away; nothing is sent back, but the failure ends the work. */
export const cancelled = (): GenerationFailed =>
  failed({ kind: "cancelled", billed: true, retryable: false });

/** A generation failure in the API's error contract (the `unexpected` kind goes through the generic handler). */
export interface GenerationHttpError extends ErrorBody {
  readonly status: number;
  readonly code: ErrorCode;
}

export const generationFailureToHttp = (
  failure: Exclude<GenerationFailure, { kind: "unexpected" }>,
): GenerationHttpError => {
  const body = bodyOf(failure);
  return { status: ERROR_STATUS[body.code], ...body };
};

const bodyOf = (failure: Exclude<GenerationFailure, { kind: "unexpected" }>): ErrorBody => {
  switch (failure.kind) {
    case "provider_key_refused":
      return {
        code: "PROVIDER_AUTH_FAILED",
        message:
          "Anthropic refused the API key; check the key saved in your account settings (or the server's ANTHROPIC_API_KEY).",
      };
    case "provider_rate_limited": {
      const after = failure.retryAfterSeconds;
      return {
        code: "PROVIDER_RATE_LIMITED",
        message: `Anthropic is rate-limiting this key; retry in ${after === undefined ? "a minute" : `${after} seconds`}.`,
        details: { retryAfter: Number(after ?? 60) },
      };
    }
    case "provider_overloaded":
      return {
        code: "PROVIDER_OVERLOADED",
        message: "Anthropic is overloaded right now; try again in a minute.",
      };
    case "provider_unreachable":
      return {
        code: "PROVIDER_UNREACHABLE",
        message: "Could not reach Anthropic; try again shortly.",
      };
    case "provider_error":
      return {
        code: "PROVIDER_ERROR",
        message: "Anthropic answered with an error; try again shortly.",
      };
    case "bad_output":
      return {
        code: "PROVIDER_BAD_OUTPUT",
        message: `The model returned output we cannot use (${failure.why}); try again.`,
      };
    case "answer_too_large":
      return {
        code: "PROVIDER_BAD_OUTPUT",
        message: `The model's answer exceeded ${Math.round(failure.limitBytes / 1024)} KiB for ${failure.variantCount} variant${failure.variantCount === 1 ? "" : "s"}; try fewer variants.`,
      };
    case "timeout":
      return {
        code: "PROVIDER_TIMEOUT",
        message: "The model did not finish in time; try again, perhaps with fewer variants.",
      };
    case "cancelled":
      return { code: "CANCELLED", message: "The request was cancelled by the client." };
    case "not_understood":
      return {
        code: "PROMPT_NOT_UNDERSTOOD",
        message: `${failure.reason}${didYouMean(failure.details.suggestions)} Nothing was saved.`,
        details: failure.details,
      };
    case "refine_refused":
      return {
        code: "REFINE_REFUSED",
        message: `${failure.message} Nothing was saved.`,
        details: failure.details,
      };
  }
};

const didYouMean = (suggestions: readonly string[]): string =>
  suggestions.length === 0 ? "" : ` Did you mean: ${suggestions.join(", ")}?`;

/** A prompt nothing could be drawn from: told what was read, what was not, and what to try instead. */
export const notUnderstood = (
  reading: Pick<PromptReading, "understood" | "unknown" | "suggestions" | "message">,
): GenerationFailure => ({
  kind: "not_understood",
  billed: false,
  retryable: false,
  reason: reading.message ?? "No tool was recognised in the prompt.",
  details: {
    unknown: [...reading.unknown],
    understood: [...reading.understood],
    suggestions: reading.suggestions.slice(0, 3),
  },
});

/** A refinement the design system forbids or that would change nothing. */
export const refineRefused = (outcome: {
  readonly reason: RefineRefusedDetails["reason"];
  readonly message: string;
  readonly understood: readonly string[];
  readonly unknown: readonly string[];
}): GenerationFailure => ({
  kind: "refine_refused",
  billed: false,
  retryable: false,
  message: outcome.message,
  details: { reason: outcome.reason, understood: [...outcome.understood], unknown: [...outcome.unknown] },
});
