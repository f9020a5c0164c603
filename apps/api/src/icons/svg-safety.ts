import { ICON_LIMITS } from "@parametric-portal/contracts/icons";
import { sanitizeSvg } from "@parametric-portal/icon-kit/sanitize";
import { SvgInputError } from "@parametric-portal/icon-kit/svg-parse";
import { badRequest } from "../http/errors";

/** The API's two uses of icon-kit's allowlist sanitiser. */

/** Model output: throws SvgInputError when the text is not a usable SVG document. */
export const sanitiseSvg = (svg: string, idPrefix?: string): string =>
  sanitizeSvg(svg, idPrefix === undefined ? {} : { idPrefix }).svg;

// The local engine draws the same few icons over and over (the common prompts), and the
// sanitiser is a pure function of its input: its output for one drawing is kept with a
// placeholder where the id prefix goes, and only the prefix is filled in per generation. Output
// stays exactly the sanitiser's serialisation. Bounded, oldest entry first out (~2 KiB a drawing).
const OWN_SVG_CACHE_SIZE = 512;
const ownSvgCache = new Map<string, string>();
const PREFIX_PLACEHOLDER = "ppIdPrefixPlaceholder";

/**
 * The local engine's own drawing, sanitised with `idPrefix`: the same result as
 * `sanitiseSvg(svg, idPrefix)`, from a cache of the engine's drawings. Only for SVG the engine
 * drew itself (nothing a model or a user wrote): the cache key is the whole text, so it is bounded
 * by the engine's drawings, not by anyone's input.
 */
export const sanitiseOwnSvg = (svg: string, idPrefix: string): string => {
  // The placeholder is filled in by plain replacement, so it must come only from the id prefix.
  if (svg.includes(PREFIX_PLACEHOLDER)) return sanitiseSvg(svg, idPrefix);
  let template = ownSvgCache.get(svg);
  if (template === undefined) {
    template = sanitiseSvg(svg, PREFIX_PLACEHOLDER);
    if (ownSvgCache.size >= OWN_SVG_CACHE_SIZE) ownSvgCache.delete(ownSvgCache.keys().next().value ?? "");
    ownSvgCache.set(svg, template);
  }
  return template.replaceAll(PREFIX_PLACEHOLDER, idPrefix);
};

// The per-variant id prefix finishVariants writes: `i` + 8 hex digits of the generation, `-v<n>-`.
const VARIANT_ID_PREFIX = /(\bid\s*=\s*["']|#)i[0-9a-f]{8}-v\d+-/g;

/** Removes prefixes written by an earlier generation, in ids and `#id` references. */
export const stripVariantIdPrefix = (svg: string): string => svg.replace(VARIANT_ID_PREFIX, "$1");

/** User input (referenceSvg, attachments): unusable input is a 400 naming the field. */
export const sanitiseInputSvg = (svg: string, field: string): string => {
  try {
    return sanitizeSvg(svg, { maxBytes: ICON_LIMITS.svgMaxBytes }).svg;
  } catch (error) {
    if (error instanceof SvgInputError) {
      throw badRequest("INVALID_SVG", `${field}: ${error.message}`, { field, reason: error.code });
    }
    throw error;
  }
};
