import { type Static, Type } from "@sinclair/typebox";
import type { ErrorBody } from "./errors";
import { ICON_LIMITS } from "./limits";
import { PlainText, Uuid } from "./primitives";

/**
 * The icons API's request and response shapes, shared by the API (validation, OpenAPI) and the
 * web app (types). The limits live in ./limits (no schema library) so both sides read the same numbers.
 */

export { ICON_LIMITS };

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

export const ParamValuesSchema = Type.Record(Type.String({ maxLength: 32 }), Type.Number(), {
  maxProperties: ICON_LIMITS.maxParams,
  description:
    'Exact parameter values for a local refinement, e.g. { "sides": 8 }: keys and ranges are the parent variant tool\'s parameters.',
});
export type ParamValues = Static<typeof ParamValuesSchema>;

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
    /** Which variant of `parentId` a refinement starts from; 0 when absent. */
    parentVariant: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: ICON_LIMITS.maxVariants - 1,
        description: "Which variant of parentId a refinement starts from (default 0).",
      }),
    ),
    /**
     * Exact parameter values for a local refinement (the web app's live controls), e.g. `{ sides: 8 }`.
     * Keys and ranges are the parent tool's parameters; the API names any key or value outside them.
     */
    params: Type.Optional(ParamValuesSchema),
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
  /** Local engine only: the tool, the parameters and the construction that drew this variant. */
  tool: Type.Optional(Type.String()),
  params: Type.Optional(Type.Record(Type.String(), Type.Number())),
  construction: Type.Optional(Type.String()),
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

/** A parameter a refinement changed ("sides 6 → 8"). */
export const ParamChangeSchema = Type.Object({ key: Type.String(), from: Type.Number(), to: Type.Number() });
export type ParamChange = Static<typeof ParamChangeSchema>;

/** `changes` only for a local refinement: what it changed from the parent variant. */
export const IconResponseSchema = Type.Object({
  icon: AssetSchema,
  changes: Type.Optional(Type.Array(ParamChangeSchema)),
});

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
  changes?: ParamChange[];
}
/** The SSE `error` event carries exactly what a JSON error answer would. */
export type ErrorEvent = ErrorBody;

/** `details` of a 422 PROMPT_NOT_UNDERSTOOD: what was read, what was not, and what to try instead. */
export interface NotUnderstoodDetails {
  unknown: string[];
  understood: string[];
  /** Up to three tool names to offer ("polar array"). */
  suggestions: string[];
}

/** `details` of a 422 REFINE_REFUSED. */
export interface RefineRefusedDetails {
  reason: "forbidden_by_design_system" | "no_change";
  understood: string[];
  unknown: string[];
}
