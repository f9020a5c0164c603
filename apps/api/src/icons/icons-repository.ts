import type { Asset, Variant } from "@parametric-portal/contracts/icons";
import type { Database } from "@parametric-portal/database/client";
import { assets } from "@parametric-portal/database/schema";
import { and, desc, eq, ilike, isNull, sql } from "drizzle-orm";
import { badRequest } from "../http/errors";

/**
 * The `assets` table as the icons API sees it, through Drizzle (it runs on PostgreSQL and PGlite
 * alike); every read and write is scoped to its owner so one user can never reach another's rows.
 */

export type KeySource = NonNullable<(typeof assets.$inferSelect)["keySource"]>;

export interface NewAsset {
  readonly userId: string;
  readonly parentId: string | null;
  readonly prompt: string;
  readonly intent: Asset["intent"];
  readonly colorMode: Asset["colorMode"];
  readonly engine: Asset["engine"];
  readonly keySource: KeySource | null;
  readonly variants: readonly Variant[];
  readonly understood?: readonly string[];
  readonly notUnderstood?: readonly string[];
}

const selection = {
  id: assets.id,
  prompt: assets.prompt,
  intent: assets.intent,
  colorMode: assets.colorMode,
  engine: assets.engine,
  parentId: assets.parentId,
  createdAt: assets.createdAt,
  // created_at as PostgreSQL prints it: the cursor needs the microseconds a JS Date would lose.
  createdAtText: sql<string>`${assets.createdAt}::text`,
  variants: assets.variants,
  understood: assets.understood,
  notUnderstood: assets.notUnderstood,
};

type SelectedRow = Pick<typeof assets.$inferSelect, Exclude<keyof typeof selection, "createdAtText">> & {
  readonly createdAtText: string;
};

const toAsset = (row: SelectedRow): Asset => ({
  id: row.id,
  prompt: row.prompt,
  intent: row.intent,
  colorMode: row.colorMode,
  engine: row.engine,
  parentId: row.parentId,
  createdAt: row.createdAt.toISOString(),
  ...(row.understood !== null && { understood: row.understood }),
  ...(row.notUnderstood !== null && { notUnderstood: row.notUnderstood }),
  variants: row.variants,
});

/** Opaque to clients; it is the (created_at, id) of the last row of a page. */
const encodeCursor = (row: SelectedRow): string =>
  Buffer.from(JSON.stringify([row.createdAtText, row.id])).toString("base64url");

// PostgreSQL's text form of a timestamptz, e.g. 2026-01-02 03:04:05.123456+00.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shape alone lets through month 13, hour 99 or offset +99, which PostgreSQL refuses. */
const isRealInstant = (text: string): boolean => {
  const [date = "", time = ""] = text.split(" ");
  const [, offsetSign, offsetHours] = /([+-])(\d{2})(?::\d{2}){0,2}$/.exec(time) ?? [];
  if (offsetSign === undefined || Number(offsetHours) > 15) return false;
  const clock = time.slice(0, 8);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute, second] = clock.split(":").map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1 &&
    utc.getUTCFullYear() === year &&
    utc.getUTCMonth() === month - 1 &&
    utc.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
};

const decodeCursor = (cursor: string): { createdAt: string; id: string } => {
  const invalid = () =>
    badRequest("INVALID_CURSOR", "cursor is not valid; pass the nextCursor of a previous page unchanged.", {
      field: "querystring.cursor",
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== "string" || !TIMESTAMP.test(createdAt) || !isRealInstant(createdAt))
    throw invalid();
  if (typeof id !== "string" || !UUID.test(id)) throw invalid();
  return { createdAt, id };
};

const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const live = (userId: string) => and(eq(assets.userId, userId), isNull(assets.deletedAt));

export const createIconsRepository = (database: Pick<Database, "db">) => ({
  /** One insert: the generation is either fully stored or not at all. */
  async insert(asset: NewAsset): Promise<Asset> {
    const [row] = await database.db
      .insert(assets)
      .values({
        userId: asset.userId,
        parentId: asset.parentId,
        prompt: asset.prompt,
        intent: asset.intent,
        colorMode: asset.colorMode,
        engine: asset.engine,
        keySource: asset.keySource,
        variants: [...asset.variants],
        understood: asset.understood === undefined ? null : [...asset.understood],
        notUnderstood: asset.notUnderstood === undefined ? null : [...asset.notUnderstood],
      })
      .returning(selection);
    if (row === undefined) throw new Error("insert into assets returned no row");
    return toAsset(row);
  },

  async findOwned(userId: string, id: string): Promise<Asset | null> {
    const [row] = await database.db
      .select(selection)
      .from(assets)
      .where(and(eq(assets.id, id), live(userId)))
      .limit(1);
    return row === undefined ? null : toAsset(row);
  },

  /** Newest first, keyset-paginated on (created_at, id) so pages never skip or repeat rows. */
  async list(
    userId: string,
    options: { limit: number; cursor?: string; q?: string },
  ): Promise<{ items: Asset[]; nextCursor: string | null }> {
    const conditions = [live(userId)];
    if (options.cursor !== undefined) {
      const { createdAt, id } = decodeCursor(options.cursor);
      // A row comparison on the cursor's microsecond text: Drizzle has neither, it would make a Date of it.
      conditions.push(sql`(${assets.createdAt}, ${assets.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
    }
    const q = options.q?.trim();
    // Backslash is PostgreSQL's default LIKE escape, which likePattern uses.
    if (q) conditions.push(ilike(assets.prompt, likePattern(q)));
    const rows = await database.db
      .select(selection)
      .from(assets)
      .where(and(...conditions))
      .orderBy(desc(assets.createdAt), desc(assets.id))
      .limit(options.limit + 1);
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      items: page.map(toAsset),
      nextCursor: rows.length > options.limit && last !== undefined ? encodeCursor(last) : null,
    };
  },

  /** Soft delete; false when there was no such (live, owned) icon. */
  async softDelete(userId: string, id: string): Promise<boolean> {
    const rows = await database.db
      .update(assets)
      .set({ deletedAt: sql`now()` })
      .where(and(eq(assets.id, id), live(userId)))
      .returning({ id: assets.id });
    return rows.length > 0;
  },
});

export type IconsRepository = ReturnType<typeof createIconsRepository>;
