/**
 * Limits the API enforces (packages/contracts), mirrored here so the browser bundle does not pull
 * in the schema library; limits.test.ts fails if the two drift apart.
 */
export const LIMITS = {
  promptMaxLength: 500,
  maxVariants: 8,
  maxAttachments: 4,
  svgMaxBytes: 64 * 1024,
  attachmentNameMaxLength: 200,
  searchMaxLength: 200,
  apiKeyNameMaxLength: 64,
} as const;
