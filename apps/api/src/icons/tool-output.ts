import type { RawVariant } from "./generation-input";
import { providerBadOutput } from "./provider-errors";

/**
 * Validates the `emit_icon_variants` tool input the model streamed. The model is told the
 * schema, but nothing it sends is trusted: anything off-shape is PROVIDER_BAD_OUTPUT.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const parseToolOutput = (json: string, variantCount: number): RawVariant[] => {
  if (json.trim() === "") throw providerBadOutput("no tool call");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw providerBadOutput("the tool input is not valid JSON");
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.variants) || parsed.variants.length === 0) {
    throw providerBadOutput("no variants array");
  }
  // Extra variants are not an error worth losing a paid answer over; they are dropped.
  return parsed.variants.slice(0, variantCount).map((variant, index) => {
    if (!isRecord(variant) || typeof variant.svg !== "string" || variant.svg.trim() === "") {
      throw providerBadOutput(`variant ${index} has no svg`);
    }
    if (variant.toolType !== undefined && typeof variant.toolType !== "string") {
      throw providerBadOutput(`variant ${index} has an invalid toolType`);
    }
    return {
      svg: variant.svg,
      ...(typeof variant.toolType === "string" && { toolType: variant.toolType }),
      ...(typeof variant.rationale === "string" && { rationale: variant.rationale.slice(0, 500) }),
    };
  });
};

/**
 * How many variants have started arriving in the growing partial JSON: for progress only.
 * Each call scans only what is new (plus a short tail where a key may have been cut), so a
 * long stream costs linear time rather than a rescan per chunk.
 */
export const variantStartCounter = (): ((partialJson: string) => number) => {
  let count = 0;
  let resumeAt = 0;
  return (partialJson) => {
    const key = /"svg"\s*:/g;
    key.lastIndex = resumeAt;
    let end = resumeAt;
    for (let match = key.exec(partialJson); match !== null; match = key.exec(partialJson)) {
      count += 1;
      end = key.lastIndex;
    }
    resumeAt = Math.max(end, partialJson.length - 16);
    return count;
  };
};
