import { type Static, Type } from "@sinclair/typebox";
import { ICON_LIMITS, SET_LIMITS } from "./limits";
import { PlainText, Uuid } from "./primitives";

/** Sets: a user's named, ordered collections of library icons (one variant each). */

export { SET_LIMITS };

const SetNameSchema = PlainText({ minLength: 1, maxLength: SET_LIMITS.nameMaxLength });

export const IconSetSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  itemCount: Type.Integer({ minimum: 0 }),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type IconSet = Static<typeof IconSetSchema>;

export const IconSetItemSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  iconId: Type.String({ format: "uuid" }),
  variantIndex: Type.Integer({ minimum: 0 }),
  position: Type.Integer({ minimum: 0 }),
  prompt: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  /** The chosen variant's SVG. */
  svg: Type.String(),
});
export type IconSetItem = Static<typeof IconSetItemSchema>;

export const SetIdParamsSchema = Type.Object({ id: Uuid() });
export const SetItemParamsSchema = Type.Object({ id: Uuid(), itemId: Uuid() });

export const ListSetsQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SET_LIMITS.listMaxLimit })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
  },
  { additionalProperties: false },
);
export const ListSetsResponseSchema = Type.Object({
  items: Type.Array(IconSetSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const SetNameBodySchema = Type.Object({ name: SetNameSchema }, { additionalProperties: false });
export const SetResponseSchema = Type.Object({ set: IconSetSchema });
export const SetWithItemsResponseSchema = Type.Object({
  set: IconSetSchema,
  items: Type.Array(IconSetItemSchema),
});

export const AddSetItemsBodySchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          iconId: Uuid(),
          variantIndex: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: ICON_LIMITS.maxVariants - 1,
              description: "Default: the variant picked when the icon was kept, else 0.",
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: ICON_LIMITS.bulkMaxIds },
    ),
  },
  { additionalProperties: false },
);
export type AddSetItemsBody = Static<typeof AddSetItemsBodySchema>;

export const ReorderSetBodySchema = Type.Object(
  {
    /** Every item id of the set, each once, in the new order. */
    itemIds: Type.Array(Uuid(), { minItems: 1, maxItems: SET_LIMITS.maxItems, uniqueItems: true }),
  },
  { additionalProperties: false },
);
