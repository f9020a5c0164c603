import { ICON_LIMITS } from "@parametric-portal/contracts/icons";
import { sanitizeSvg } from "@parametric-portal/icon-kit/sanitize";
import { SvgInputError } from "@parametric-portal/icon-kit/svg-parse";
import { badRequest } from "../http/errors";

/** The API's two uses of icon-kit's allowlist sanitiser. */

/** Model output: throws SvgInputError when the text is not a usable SVG document. */
export const sanitiseSvg = (svg: string, idPrefix?: string): string =>
  sanitizeSvg(svg, idPrefix === undefined ? {} : { idPrefix }).svg;

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
