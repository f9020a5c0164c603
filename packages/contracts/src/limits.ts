/**
 * Limits the API enforces and the web app shows, as plain constants: this module imports nothing,
 * so the browser bundle can read the same numbers without pulling in the schema library.
 */

export const ICON_LIMITS = {
  promptMaxLength: 500,
  maxVariants: 8,
  maxAttachments: 4,
  /** Per SVG (referenceSvg and each attachment), in UTF-8 bytes. */
  svgMaxBytes: 64 * 1024,
  attachmentNameMaxLength: 200,
  listMaxLimit: 100,
  listDefaultLimit: 20,
  searchMaxLength: 200,
  /** Live parameters sent with a refinement (`params`): at most this many keys. */
  maxParams: 16,
  /** A user's label for an icon, in characters. */
  nameMaxLength: 120,
  /** Icons one multi-select operation (bulk delete, add to a set) may name. */
  bulkMaxIds: 100,
} as const;

export const SET_LIMITS = {
  nameMaxLength: 80,
  /** Items one set may hold; also bounds a reorder's list. */
  maxItems: 500,
  listMaxLimit: 100,
  listDefaultLimit: 20,
} as const;

export const API_KEY_LIMITS = {
  nameMaxLength: 64,
} as const;
