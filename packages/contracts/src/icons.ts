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

const ToolTypeSchema = Type.Union([
  Type.Literal("DRAWING"),
  Type.Literal("ANALYSIS"),
  Type.Literal("MODIFICATION"),
]);

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
  toolType: ToolTypeSchema,
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

const IconNameSchema = PlainText({ minLength: 1, maxLength: ICON_LIMITS.nameMaxLength });

export const AssetSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  prompt: Type.String(),
  /** The user's label; null until renamed. */
  name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** In the library (kept) rather than only in the history. */
  kept: Type.Optional(Type.Boolean()),
  /** The variant (its `index`) picked when kept; null when kept without a pick or not kept. */
  keptVariant: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
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

export const ICON_VIEWS = ["history", "library"] as const;
export const ICON_SORTS = ["newest", "oldest", "name"] as const;

export const ListIconsQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ICON_LIMITS.listMaxLimit })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
    /** Searches the prompt and the name, case-insensitively. */
    q: Type.Optional(PlainText({ maxLength: ICON_LIMITS.searchMaxLength })),
    /** history: everything generated (the default); library: kept icons only. */
    view: Type.Optional(Type.Union(ICON_VIEWS.map((v) => Type.Literal(v)))),
    /** newest (the default), oldest, or name (the label, else the prompt, A to Z). */
    sort: Type.Optional(Type.Union(ICON_SORTS.map((v) => Type.Literal(v)))),
    tool: Type.Optional(PlainText({ minLength: 1, maxLength: 64 })),
    toolType: Type.Optional(ToolTypeSchema),
    engine: Type.Optional(EngineSchema),
  },
  { additionalProperties: false },
);
export type ListIconsQuery = Static<typeof ListIconsQuerySchema>;

/** A list item: one thumbnail instead of every variant; GET /api/icons/:id has the rest. */
export const IconSummarySchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  prompt: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  tool: Type.Union([Type.String(), Type.Null()]),
  toolType: ToolTypeSchema,
  engine: EngineSchema,
  intent: IntentSchema,
  colorMode: ColorModeSchema,
  kept: Type.Boolean(),
  /** The variant (its `index`) picked when kept; null when kept without a pick or not kept. */
  keptVariant: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  parentId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
  variantCount: Type.Integer({ minimum: 0 }),
  /** The kept variant when one was picked, else the first that passed the design checks, else the first. */
  thumbnailSvg: Type.String(),
});
export type IconSummary = Static<typeof IconSummarySchema>;

export const ListIconsResponseSchema = Type.Object({
  items: Type.Array(IconSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

/** PUT /api/icons/:id/keep: optionally, the variant the user picked (its `index`); no body keeps none. */
export const KeepIconBodySchema = Type.Object(
  {
    variant: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: ICON_LIMITS.maxVariants - 1,
        description:
          "The picked variant's index (0-based); the list's thumbnail and a set's default variant.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type KeepIconBody = Static<typeof KeepIconBodySchema>;

/** PATCH /api/icons/:id: a label, or null to clear it. */
export const UpdateIconBodySchema = Type.Object(
  { name: Type.Union([IconNameSchema, Type.Null()]) },
  { additionalProperties: false },
);

const IconIdsSchema = Type.Array(Uuid(), {
  minItems: 1,
  maxItems: ICON_LIMITS.bulkMaxIds,
  uniqueItems: true,
});

export const BulkDeleteBodySchema = Type.Object({ ids: IconIdsSchema }, { additionalProperties: false });
export const BulkDeleteResponseSchema = Type.Object({
  /** The ids that were deleted; ids that were not yours or already gone are left out. */
  deleted: Type.Array(Type.String({ format: "uuid" })),
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
