import { randomBytes } from "node:crypto";
import type { Variant } from "@parametric-portal/contracts/icons";
import { checkSvg } from "@parametric-portal/icon-kit/design-check";
import { TOOL_TYPES, type ToolType } from "@parametric-portal/icon-kit/design-system";
import type { RawVariant } from "./generation-input";
import { providerBadOutput } from "./provider-errors";
import { sanitiseSvg, stripVariantIdPrefix } from "./svg-safety";

/**
 * Turns engine output into storable variants: every SVG is sanitised, then design-checked.
 *
 * Decision: a variant that breaks design rules is KEPT, with `passed: false` and its findings,
 * because the generation was paid for and the findings tell the user what is off. A variant
 * whose SVG cannot be sanitised at all (not an SVG document) is dropped; when nothing usable
 * is left the whole answer is PROVIDER_BAD_OUTPUT and nothing is stored.
 *
 * Every id is rewritten to `i<generation>-v<index>-<id>` (layers stay recognisable: `…-Primary`),
 * so variants inlined side by side in one page never share an id or steal each other's
 * `url(#…)` references.
 */

const isToolType = (value: string | undefined): value is ToolType =>
  value !== undefined && (TOOL_TYPES as readonly string[]).includes(value);

export const finishVariants = (raw: readonly RawVariant[]): Variant[] => {
  const generation = `i${randomBytes(4).toString("hex")}`;
  const variants: Variant[] = [];
  for (const candidate of raw) {
    let svg: string;
    try {
      // A refinement's reference carries the prefix of its own generation: drop it, not stack it.
      svg = sanitiseSvg(stripVariantIdPrefix(candidate.svg), `${generation}-v${variants.length}`);
    } catch {
      continue;
    }
    const declared = isToolType(candidate.toolType) ? candidate.toolType : undefined;
    const check = checkSvg(svg, declared === undefined ? {} : { toolType: declared });
    variants.push({
      index: variants.length,
      svg,
      toolType: declared ?? check.toolType ?? "DRAWING",
      passed: check.passed,
      score: check.score,
      findings: check.findings,
      ...(candidate.rationale !== undefined && { rationale: candidate.rationale }),
      ...(candidate.tool !== undefined && { tool: candidate.tool }),
      ...(candidate.params !== undefined && { params: { ...candidate.params } }),
      ...(candidate.construction !== undefined && { construction: candidate.construction }),
    });
  }
  if (variants.length === 0) throw providerBadOutput("no variant was a usable SVG document");
  return variants;
};
