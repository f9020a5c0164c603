import { randomUUID } from "node:crypto";
import type { Variant } from "@parametric-portal/contracts/icons";
import { checkSvg, type DesignCheckResult } from "@parametric-portal/icon-kit/design-check";
import { type ColorMode, TOOL_TYPES, type ToolType } from "@parametric-portal/icon-kit/design-system";
import { repairSvg } from "@parametric-portal/icon-kit/repair";
import { SvgInputError } from "@parametric-portal/icon-kit/svg-parse";
import type { VariantReview } from "./anthropic-prompt";
import { badOutput } from "./generation-failure";
import type { RawVariant, VariantOrigin } from "./generation-input";
import { sanitiseOwnSvg, sanitiseSvg, stripVariantIdPrefix } from "./svg-safety";

/**
 * Turns engine output into storable variants: every SVG is sanitised, design-checked, and when
 * it fails, repaired deterministically where that is safe (icon-kit's repairSvg) and checked again.
 *
 * Decision: a variant that still breaks design rules is KEPT, with `passed: false` and its
 * findings, because the generation was paid for and the findings tell the user what is off. A
 * repair is kept only when the repaired SVG passes, and `repairs` says what was changed. A variant
 * whose SVG cannot be sanitised at all (not an SVG document) is dropped; when nothing usable is
 * left the whole answer is PROVIDER_BAD_OUTPUT and nothing is stored.
 *
 * Every id is rewritten to `i<generation>-v<index>-<id>` (layers stay recognisable: `…-Primary`),
 * so variants inlined side by side in one page never share an id or steal each other's
 * `url(#…)` references.
 *
 * The local engine's own drawings (origin "local") go through the same sanitiser, from a cache of
 * its drawings, and keep the design check the engine already made of them: checking the same
 * drawing twice cost half of a local generation's CPU. Everything else (origin "model": a model's
 * answer, a user's SVG) is sanitised and checked here in full, whatever check it claims to carry.
 */

const isToolType = (value: string | undefined): value is ToolType =>
  value !== undefined && (TOOL_TYPES as readonly string[]).includes(value);

type Finished = Omit<Variant, "index">;

/** One variant finished, or the reason it is unusable. */
const finishOne = (
  candidate: RawVariant,
  idPrefix: string,
  colorMode: ColorMode,
  origin: VariantOrigin,
): Finished | string => {
  const own = origin === "local";
  let svg: string;
  try {
    // A refinement's reference carries the prefix of its own generation: drop it, not stack it.
    svg = own
      ? sanitiseOwnSvg(candidate.svg, idPrefix)
      : sanitiseSvg(stripVariantIdPrefix(candidate.svg), idPrefix);
  } catch (error) {
    return error instanceof SvgInputError ? error.message : "the svg is not a usable SVG document";
  }
  const declared = isToolType(candidate.toolType) ? candidate.toolType : undefined;
  const options = declared === undefined ? {} : { toolType: declared };
  let check: Pick<DesignCheckResult, "passed" | "score" | "findings" | "toolType"> =
    own && candidate.check !== undefined
      ? { ...candidate.check, toolType: declared ?? null }
      : checkSvg(svg, options);
  const repairs = [...(candidate.repairs ?? [])];
  if (!check.passed) {
    const repaired = repairSvg(svg, { colorMode, ...options });
    if (repaired.repairs.length > 0) {
      // Re-sanitised: only the sanitiser's own serialisation is ever stored.
      const resanitised = sanitiseSvg(repaired.svg);
      const recheck = checkSvg(resanitised, options);
      if (recheck.passed) {
        svg = resanitised;
        check = recheck;
        repairs.push(...repaired.repairs);
      }
    }
  }
  return {
    svg,
    toolType: declared ?? check.toolType ?? "DRAWING",
    passed: check.passed,
    score: check.score,
    findings: check.findings,
    ...(candidate.rationale !== undefined && { rationale: candidate.rationale }),
    ...(repairs.length > 0 && { repairs }),
    ...(candidate.tool !== undefined && { tool: candidate.tool }),
    ...(candidate.params !== undefined && { params: { ...candidate.params } }),
    ...(candidate.construction !== undefined && { construction: candidate.construction }),
  };
};

const describeFinding = (f: Variant["findings"][number]): string =>
  `[${f.rule}] ${f.message}${f.element === undefined ? "" : ` (${f.element})`}`;

/** What the checker says of one raw variant after sanitising and safe repairs: for a repair round. */
export const reviewVariant = (candidate: RawVariant, colorMode: ColorMode): VariantReview => {
  const finished = finishOne(candidate, "review", colorMode, "model");
  if (typeof finished === "string") {
    return {
      passed: false,
      usable: false,
      findings: [`[parse] The svg is not a usable SVG document: ${finished}`],
    };
  }
  return {
    passed: finished.passed,
    usable: true,
    findings: finished.findings.filter((f) => f.severity === "error").map(describeFinding),
  };
};

export const finishVariants = (
  raw: readonly RawVariant[],
  colorMode: ColorMode,
  origin: VariantOrigin = "model",
): Variant[] => {
  // Eight hex digits from a UUID: Node draws UUIDs from a buffered pool, randomBytes goes to OpenSSL each call.
  const generation = `i${randomUUID().slice(0, 8)}`;
  const variants: Variant[] = [];
  for (const candidate of raw) {
    const finished = finishOne(candidate, `${generation}-v${variants.length}`, colorMode, origin);
    if (typeof finished !== "string") variants.push({ index: variants.length, ...finished });
  }
  if (variants.length === 0) throw badOutput("no variant was a usable SVG document");
  return variants;
};
