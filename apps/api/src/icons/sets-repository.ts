import type { IconSet, IconSetItem } from "@parametric-portal/contracts/sets";
import { SET_LIMITS } from "@parametric-portal/contracts/sets";
import type { Database } from "@parametric-portal/database/client";
import { assets, iconSetItems, iconSets } from "@parametric-portal/database/schema";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { ApiError, badRequest, notFound } from "../http/errors";
import { decodeCursor, encodeCursor } from "./list-cursor";

/**
 * Sets (icon_sets, icon_set_items): every statement is scoped to the set's owner, so someone
 * else's set reads as missing. A set holds library icons: adding one keeps it.
 */

type Db = Database["db"];
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const setSelection = {
  id: iconSets.id,
  name: iconSets.name,
  createdAt: iconSets.createdAt,
  updatedAt: iconSets.updatedAt,
  createdAtText: sql<string>`${iconSets.createdAt}::text`,
  // Spelled out: Drizzle leaves a select's columns unqualified, which the subquery would read as its own.
  itemCount: sql<number>`(select count(*)::int from icon_set_items i where i.set_id = "icon_sets"."id")`,
};

const toSet = (row: {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  itemCount: number;
}): IconSet => ({
  id: row.id,
  name: row.name,
  itemCount: Number(row.itemCount),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export interface NewSetItem {
  readonly iconId: string;
  /** Absent: the variant picked when the icon was kept, else 0. */
  readonly variantIndex?: number | undefined;
}

export const createSetsRepository = (database: Pick<Database, "db">) => {
  const { db } = database;
  const owned = (userId: string, id: string) => and(eq(iconSets.id, id), eq(iconSets.userId, userId));

  /** Locks the owned set for the rest of the transaction; false when it is not the user's. */
  const lockOwned = async (tx: Tx, userId: string, id: string): Promise<boolean> =>
    (await tx.select({ id: iconSets.id }).from(iconSets).where(owned(userId, id)).for("update")).length > 0;
  const touch = (tx: Tx, id: string) =>
    tx.update(iconSets).set({ updatedAt: sql`now()` }).where(eq(iconSets.id, id));

  const findOwned = async (userId: string, id: string): Promise<IconSet | null> => {
    const [row] = await db.select(setSelection).from(iconSets).where(owned(userId, id));
    return row === undefined ? null : toSet(row);
  };

  return {
    /** Newest first, keyset-paginated on (created_at, id). */
    async list(
      userId: string,
      options: { limit: number; cursor?: string },
    ): Promise<{ items: IconSet[]; nextCursor: string | null }> {
      const conditions = [eq(iconSets.userId, userId)];
      if (options.cursor !== undefined) {
        const { key, id } = decodeCursor(options.cursor, "sets");
        conditions.push(sql`(${iconSets.createdAt}, ${iconSets.id}) < (${key}::timestamptz, ${id}::uuid)`);
      }
      const rows = await db
        .select(setSelection)
        .from(iconSets)
        .where(and(...conditions))
        .orderBy(desc(iconSets.createdAt), desc(iconSets.id))
        .limit(options.limit + 1);
      const page = rows.slice(0, options.limit);
      const last = page.at(-1);
      return {
        items: page.map(toSet),
        nextCursor:
          rows.length > options.limit && last !== undefined
            ? encodeCursor("sets", last.createdAtText, last.id)
            : null,
      };
    },

    async create(userId: string, name: string): Promise<IconSet> {
      const [row] = await db.insert(iconSets).values({ userId, name }).returning({ id: iconSets.id });
      const created = row === undefined ? null : await findOwned(userId, row.id);
      if (created === null) throw new Error("insert into icon_sets returned no row");
      return created;
    },

    async rename(userId: string, id: string, name: string): Promise<IconSet | null> {
      const rows = await db
        .update(iconSets)
        .set({ name, updatedAt: sql`now()` })
        .where(owned(userId, id))
        .returning({ id: iconSets.id });
      return rows.length === 0 ? null : findOwned(userId, id);
    },

    async remove(userId: string, id: string): Promise<boolean> {
      return (await db.delete(iconSets).where(owned(userId, id)).returning({ id: iconSets.id })).length > 0;
    },

    /** The set and its items in order, each with its chosen variant's SVG; null when not the user's. */
    async get(userId: string, id: string): Promise<{ set: IconSet; items: IconSetItem[] } | null> {
      const set = await findOwned(userId, id);
      if (set === null) return null;
      const items = await db
        .select({
          id: iconSetItems.id,
          iconId: iconSetItems.assetId,
          variantIndex: iconSetItems.variantIndex,
          position: iconSetItems.position,
          prompt: assets.prompt,
          name: assets.name,
          svg: sql<string>`coalesce(jsonb_path_query_first(${assets.variants}, '$[*] ? (@.index == $i)', jsonb_build_object('i', ${iconSetItems.variantIndex})) ->> 'svg', '')`,
        })
        .from(iconSetItems)
        .innerJoin(assets, eq(assets.id, iconSetItems.assetId))
        .where(eq(iconSetItems.setId, id))
        .orderBy(asc(iconSetItems.position), asc(iconSetItems.id));
      return { set, items };
    },

    /**
     * Adds variants of owned, live icons at the end (one already there stays where it is) and keeps
     * those icons. 404 when an icon is missing or not the user's, 400 for a variant it does not
     * have, 409 SET_FULL past SET_LIMITS.maxItems.
     */
    async addItems(userId: string, setId: string, items: readonly NewSetItem[]): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await lockOwned(tx, userId, setId))) throw notFound("The set");
        const iconIds = [...new Set(items.map((item) => item.iconId))];
        const icons = await tx
          .select({
            id: assets.id,
            variantIndexes: sql<number[]>`jsonb_path_query_array(${assets.variants}, '$[*].index')`,
            keptVariant: assets.keptVariant,
          })
          .from(assets)
          .where(and(inArray(assets.id, iconIds), eq(assets.userId, userId), isNull(assets.deletedAt)));
        const iconsById = new Map(icons.map((icon) => [icon.id, icon]));
        const resolved = items.map((item) => {
          const icon = iconsById.get(item.iconId);
          if (icon === undefined) throw notFound(`The icon ${item.iconId}`);
          const variantIndex = item.variantIndex ?? icon.keptVariant ?? 0;
          if (!icon.variantIndexes.includes(variantIndex))
            throw badRequest(
              "VARIANT_NOT_FOUND",
              `Icon ${item.iconId} has no variant ${variantIndex}; it has ${icon.variantIndexes.join(", ")}.`,
              { field: "body.items", iconId: item.iconId, variantIndex },
            );
          return { iconId: item.iconId, variantIndex };
        });
        const [stats] = await tx
          .select({ n: count(), last: sql<number>`coalesce(max(${iconSetItems.position}), -1)` })
          .from(iconSetItems)
          .where(eq(iconSetItems.setId, setId));
        const existing = Number(stats?.n ?? 0);
        if (existing + items.length > SET_LIMITS.maxItems)
          throw new ApiError(
            "SET_FULL",
            `A set holds at most ${SET_LIMITS.maxItems} items; this one has ${existing}. Remove some or start another set.`,
          );
        const start = Number(stats?.last ?? -1) + 1;
        await tx
          .insert(iconSetItems)
          .values(
            resolved.map((item, i) => ({
              setId,
              assetId: item.iconId,
              variantIndex: item.variantIndex,
              position: start + i,
            })),
          )
          .onConflictDoNothing();
        await tx
          .update(assets)
          .set({ keptAt: sql`coalesce(${assets.keptAt}, now())` })
          .where(and(inArray(assets.id, iconIds), eq(assets.userId, userId)));
        await touch(tx, setId);
      });
    },

    /** False when the set or the item is not there (or not the user's). */
    async removeItem(userId: string, setId: string, itemId: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        if (!(await lockOwned(tx, userId, setId))) return false;
        const rows = await tx
          .delete(iconSetItems)
          .where(and(eq(iconSetItems.id, itemId), eq(iconSetItems.setId, setId)))
          .returning({ id: iconSetItems.id });
        if (rows.length > 0) await touch(tx, setId);
        return rows.length > 0;
      });
    },

    /** `itemIds` must name every item of the set exactly once (400 NOT_A_PERMUTATION otherwise). */
    async reorder(userId: string, setId: string, itemIds: readonly string[]): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await lockOwned(tx, userId, setId))) throw notFound("The set");
        const current = new Set(
          (
            await tx.select({ id: iconSetItems.id }).from(iconSetItems).where(eq(iconSetItems.setId, setId))
          ).map((row) => row.id),
        );
        const given = new Set(itemIds);
        const missing = [...current].filter((id) => !given.has(id));
        const unknown = itemIds.filter((id) => !current.has(id));
        if (missing.length > 0 || unknown.length > 0 || given.size !== itemIds.length)
          throw badRequest(
            "NOT_A_PERMUTATION",
            "itemIds must list every item of the set exactly once, in the new order.",
            { field: "body.itemIds", missing, unknown },
          );
        // One statement for the whole order; JSON carries the list the same way on both engines.
        await tx.execute(sql`
          update ${iconSetItems} set position = (o.ord - 1)::int
          from jsonb_array_elements_text(${JSON.stringify(itemIds)}::jsonb) with ordinality as o(id, ord)
          where ${iconSetItems.id} = o.id::uuid and ${iconSetItems.setId} = ${setId}`);
        await touch(tx, setId);
      });
    },
  };
};

export type SetsRepository = ReturnType<typeof createSetsRepository>;
