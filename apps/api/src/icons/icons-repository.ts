import type { Asset, Variant } from "@parametric-portal/contracts/icons";
import type { SqlSession } from "@parametric-portal/database/client";
import { badRequest } from "../http/errors";

/**
 * The `assets` table as the icons API sees it. Plain SQL (it runs on PostgreSQL and PGlite
 * alike); every read and write is scoped to its owner so one user can never reach another's rows.
 */

export type KeySource = "server" | "user";

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

interface AssetRow {
  id: string;
  prompt: string;
  intent: Asset["intent"];
  color_mode: Asset["colorMode"];
  engine: Asset["engine"];
  parent_id: string | null;
  created_at: Date | string;
  /** created_at as PostgreSQL prints it: microsecond precision, which a JS Date would lose. */
  created_at_text: string;
  variants: Variant[] | string;
  understood: string[] | string | null;
  not_understood: string[] | string | null;
}

const COLUMNS = `id, prompt, intent, color_mode, engine, parent_id, created_at, created_at::text as created_at_text,
  variants, understood, not_understood`;

// node-postgres parses jsonb; PGlite may hand back text depending on how the value arrived.
const json = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

const toAsset = (row: AssetRow): Asset => {
  const understood = row.understood === null ? undefined : json(row.understood);
  const notUnderstood = row.not_understood === null ? undefined : json(row.not_understood);
  return {
    id: row.id,
    prompt: row.prompt,
    intent: row.intent,
    colorMode: row.color_mode,
    engine: row.engine,
    parentId: row.parent_id,
    createdAt: new Date(row.created_at).toISOString(),
    ...(understood !== undefined && { understood }),
    ...(notUnderstood !== undefined && { notUnderstood }),
    variants: json(row.variants),
  };
};

/** Opaque to clients; it is the (created_at, id) of the last row of a page. */
const encodeCursor = (row: AssetRow): string =>
  Buffer.from(JSON.stringify([row.created_at_text, row.id])).toString("base64url");

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

export const createIconsRepository = (db: SqlSession) => ({
  /** One insert: the generation is either fully stored or not at all. */
  async insert(asset: NewAsset): Promise<Asset> {
    const rows = await db.query<AssetRow>(
      `insert into assets (user_id, parent_id, prompt, intent, color_mode, engine, key_source, variants,
         understood, not_understood)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb)
       returning ${COLUMNS}`,
      [
        asset.userId,
        asset.parentId,
        asset.prompt,
        asset.intent,
        asset.colorMode,
        asset.engine,
        asset.keySource,
        JSON.stringify(asset.variants),
        asset.understood === undefined ? null : JSON.stringify(asset.understood),
        asset.notUnderstood === undefined ? null : JSON.stringify(asset.notUnderstood),
      ],
    );
    const row = rows[0];
    if (row === undefined) throw new Error("insert into assets returned no row");
    return toAsset(row);
  },

  async findOwned(userId: string, id: string): Promise<Asset | null> {
    const rows = await db.query<AssetRow>(
      `select ${COLUMNS} from assets where id = $1 and user_id = $2 and deleted_at is null`,
      [id, userId],
    );
    return rows[0] === undefined ? null : toAsset(rows[0]);
  },

  /** Newest first, keyset-paginated on (created_at, id) so pages never skip or repeat rows. */
  async list(
    userId: string,
    options: { limit: number; cursor?: string; q?: string },
  ): Promise<{ items: Asset[]; nextCursor: string | null }> {
    const params: unknown[] = [userId];
    const where = ["user_id = $1", "deleted_at is null"];
    if (options.cursor !== undefined) {
      const { createdAt, id } = decodeCursor(options.cursor);
      params.push(createdAt, id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const q = options.q?.trim();
    if (q) {
      params.push(likePattern(q));
      where.push(`prompt ilike $${params.length} escape '\\'`);
    }
    params.push(options.limit + 1);
    const rows = await db.query<AssetRow>(
      `select ${COLUMNS} from assets where ${where.join(" and ")}
       order by created_at desc, id desc limit $${params.length}`,
      params,
    );
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      items: page.map(toAsset),
      nextCursor: rows.length > options.limit && last !== undefined ? encodeCursor(last) : null,
    };
  },

  /** Soft delete; false when there was no such (live, owned) icon. */
  async softDelete(userId: string, id: string): Promise<boolean> {
    const rows = await db.query<{ id: string }>(
      "update assets set deleted_at = now() where id = $1 and user_id = $2 and deleted_at is null returning id",
      [id, userId],
    );
    return rows.length > 0;
  },
});

export type IconsRepository = ReturnType<typeof createIconsRepository>;
