import type { NotUnderstoodDetails, RefineRefusedDetails } from "@parametric-portal/contracts/icons";
import type { ParameterSpec, PromptReading } from "@parametric-portal/icon-kit/engine-contract";
import { ApiError, badRequest } from "../http/errors";

/**
 * The API's honest "no" answers: a prompt nothing could be drawn from, a refinement the design
 * system forbids or that would change nothing, and live parameters outside the tool's controls.
 * All are decided before anything is stored (and, for prompts, before anything is paid for).
 */

export const PROMPT_NOT_UNDERSTOOD = "PROMPT_NOT_UNDERSTOOD";
export const REFINE_REFUSED = "REFINE_REFUSED";

const didYouMean = (suggestions: readonly string[]): string =>
  suggestions.length === 0 ? "" : ` Did you mean: ${suggestions.join(", ")}?`;

export const promptNotUnderstood = (
  reading: Pick<PromptReading, "understood" | "unknown" | "suggestions" | "message">,
): ApiError => {
  const details: NotUnderstoodDetails = {
    unknown: [...reading.unknown],
    understood: [...reading.understood],
    suggestions: reading.suggestions.slice(0, 3),
  };
  const reason = reading.message ?? "No tool was recognised in the prompt.";
  return new ApiError(
    422,
    PROMPT_NOT_UNDERSTOOD,
    `${reason}${didYouMean(details.suggestions)} Nothing was saved.`,
    details,
  );
};

export const refineRefused = (outcome: {
  readonly reason: RefineRefusedDetails["reason"];
  readonly message: string;
  readonly understood: readonly string[];
  readonly unknown: readonly string[];
}): ApiError => {
  const details: RefineRefusedDetails = {
    reason: outcome.reason,
    understood: [...outcome.understood],
    unknown: [...outcome.unknown],
  };
  return new ApiError(422, REFINE_REFUSED, `${outcome.message} Nothing was saved.`, details);
};

/** Every key must be one of the tool's controls and every value inside its range. */
export const checkParams = (
  tool: string,
  specs: readonly ParameterSpec[],
  params: Readonly<Record<string, number>>,
): void => {
  for (const [key, value] of Object.entries(params)) {
    const spec = specs.find((s) => s.key === key);
    const field = `body.params.${key}`;
    if (spec === undefined) {
      const known = specs.map((s) => s.key).join(", ") || "none";
      throw badRequest(
        "INVALID_PARAMS",
        `${field} is not a parameter of the ${tool} tool; use one of: ${known}.`,
        { field },
      );
    }
    if (!Number.isFinite(value) || value < spec.min || value > spec.max) {
      throw badRequest(
        "INVALID_PARAMS",
        `${field} is ${value}; ${spec.label} must be between ${spec.min} and ${spec.max}.`,
        { field, min: spec.min, max: spec.max },
      );
    }
  }
};
