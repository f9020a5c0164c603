import { type Static, Type } from "@sinclair/typebox";
import { PlainText, Uuid } from "./primitives";

/**
 * The icons API's request and response shapes, shared by the API (validation, OpenAPI) and the
 * web app (types). Limits live here so both sides enforce the same numbers.
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
} as const;

export const IntentSchema = Type.Union([Type.Literal("create"), Type.Literal("refine")]);
export const ColorModeSchema = Type.Union([Type.Literal("dark"), Type.Literal("light")]);
export const EngineChoiceSchema = Type.Union([
  Type.Literal("auto"),
  Type.Literal("local"),
  Type.Literal("anthropic"),
]);
export const EngineSchema = Type.Union([Type.Literal("local"), Type.Literal("anthropic")]);

const SvgText = Type.String({ minLength: 1, maxLength: ICON_LIMITS.svgMaxBytes });

export const AttachmentSchema = Type.Object(
  {
    name: PlainText({ minLength: 1, maxLength: ICON_LIMITS.attachmentNameMaxLength }),
    svg: SvgText,
  },
  { additionalProperties: false },
);

export const CreateIconBodySchema = Type.Object(
  {
    prompt: PlainText({ minLength: 1, maxLength: ICON_LIMITS.promptMaxLength }),
    intent: Type.Optional(IntentSchema),
    parentId: Type.Optional(Uuid()),
    referenceSvg: Type.Optional(SvgText),
    attachments: Type.Optional(Type.Array(AttachmentSchema, { maxItems: ICON_LIMITS.maxAttachments })),
    colorMode: Type.Optional(ColorModeSchema),
    variantCount: Type.Optional(Type.Integer({ minimum: 1, maximum: ICON_LIMITS.maxVariants })),
    engine: Type.Optional(EngineChoiceSchema),
  },
  { additionalProperties: false },
);
export type CreateIconBody = Static<typeof CreateIconBodySchema>;

export const FindingSchema = Type.Object({
  rule: Type.String(),
  severity: Type.Union([Type.Literal("error"), Type.Literal("warning")]),
  message: Type.String(),
  element: Type.Optional(Type.String()),
});

export const VariantSchema = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  svg: Type.String(),
  toolType: Type.Union([Type.Literal("DRAWING"), Type.Literal("ANALYSIS"), Type.Literal("MODIFICATION")]),
  passed: Type.Boolean(),
  score: Type.Number(),
  findings: Type.Array(FindingSchema),
  rationale: Type.Optional(Type.String()),
  repairs: Type.Optional(Type.Array(Type.String())),
});
export type Variant = Static<typeof VariantSchema>;

export const AssetSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  prompt: Type.String(),
  intent: IntentSchema,
  colorMode: ColorModeSchema,
  engine: EngineSchema,
  parentId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  understood: Type.Optional(Type.Array(Type.String())),
  notUnderstood: Type.Optional(Type.Array(Type.String())),
  variants: Type.Array(VariantSchema),
});
export type Asset = Static<typeof AssetSchema>;

export const IconResponseSchema = Type.Object({ icon: AssetSchema });

export const ListIconsQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ICON_LIMITS.listMaxLimit })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    q: Type.Optional(PlainText({ maxLength: ICON_LIMITS.searchMaxLength })),
  },
  { additionalProperties: false },
);
export type ListIconsQuery = Static<typeof ListIconsQuerySchema>;

export const ListIconsResponseSchema = Type.Object({
  items: Type.Array(AssetSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const IconIdParamsSchema = Type.Object({ id: Uuid() });
export const VariantParamsSchema = Type.Object({
  id: Uuid(),
  n: Type.Integer({ minimum: 0, maximum: ICON_LIMITS.maxVariants - 1 }),
});

/** Server-Sent Events of `POST /api/icons` with `Accept: text/event-stream`. */
export const GENERATION_STAGES = ["queued", "generating", "receiving", "checking", "saving"] as const;
export type GenerationStage = (typeof GENERATION_STAGES)[number];

export interface ProgressEvent {
  stage: GenerationStage;
  message: string;
  variantsReceived?: number;
}
export interface DoneEvent {
  icon: Asset;
}
export interface ErrorEvent {
  code: string;
  message: string;
}
