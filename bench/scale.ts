// The list and search at scale: the same queries through the real API on a small table and on
// a million rows, so the table can be seen not to set the cost. Seeding is set-based SQL
// (generate_series), never per-row inserts.
import type { Database } from "@parametric-portal/database/client";
import { type LoadResult, load } from "./load";

// Tool words a prompt starts with; one in PROMPT_WORDS.length prompts is a "hexagon".
const PROMPT_WORDS = [
  "hexagon",
  "arc",
  "offset curve",
  "polar array",
  "fillet",
  "chamfer",
  "spiral",
  "mirror",
  "loft",
  "sweep",
  "revolve",
  "extrude",
];
const QUALIFIERS = ["thin", "bold", "rounded", "sharp", "small", "large", "nested"];
// One prompt in RARE_EVERY carries this word: a search that matches a handful of rows, which
// an unindexed filter can only find by reading every one of the user's rows.
const RARE_WORD = "lattice";
const RARE_EVERY = 10_000;
const CHUNK = 100_000;

/** The word a common and a rare search look for (`q=`). */
export const SEARCHES = { common: PROMPT_WORDS[0] ?? "hexagon", rare: RARE_WORD } as const;

const WORDS_SQL = `array[${PROMPT_WORDS.map((w) => `'${w}'`).join(",")}]`;
const QUALIFIERS_SQL = `array[${QUALIFIERS.map((w) => `'${w}'`).join(",")}]`;

// Rows `from`..`to` (exclusive) of one owner, older than everything already there: row n is n
// seconds before the template's creation, so numbering on across calls keeps the order stable.
// Columns not named here keep their defaults, so a later migration's additions still seed.
const INSERT_SQL = `insert into assets (user_id, prompt, intent, color_mode, engine, variants, created_at)
select $1::uuid,
  (${WORDS_SQL})[1 + n % ${PROMPT_WORDS.length}] || ' ' || (${QUALIFIERS_SQL})[1 + (n / ${PROMPT_WORDS.length}) % ${QUALIFIERS.length}]
    || case when n % ${RARE_EVERY} = ${RARE_EVERY - 1} then ' ${RARE_WORD}' else '' end || ' ' || n,
  'create', 'dark', 'local', t.variants, t.created_at - make_interval(secs => n + 1)
from generate_series($2::int, $3::int - 1) as n,
  (select variants, created_at from assets where id = $4::uuid) as t`;

const insertRows = async (
  database: Database,
  userId: string,
  from: number,
  to: number,
  templateId: string,
): Promise<void> => {
  for (let start = from; start < to; start += CHUNK) {
    await database.query(INSERT_SQL, [userId, start, Math.min(to, start + CHUNK), templateId]);
  }
};

export interface SeedTarget {
  /** Rows of the measured user after seeding (counting what it already had). */
  readonly userRows: number;
  /** Rows in the table after seeding, all users together. */
  readonly totalRows: number;
}

export interface Seeded {
  readonly ms: number;
  readonly userRows: number;
  readonly totalRows: number;
  readonly databaseBytes: number;
}

const countRows = async (database: Database, userId: string) => {
  const [row] = await database.query<{ mine: string; total: string }>(
    "select count(*) filter (where user_id = $1::uuid) as mine, count(*) as total from assets",
    [userId],
  );
  return { mine: Number(row?.mine ?? 0), total: Number(row?.total ?? 0) };
};

/**
 * Grows the table to `target`: the user's rows copy the variants of one of its real icons (what
 * the engine stores), other users' rows are spread over users of 1,000 icons each.
 */
export const seedTo = async (database: Database, userId: string, target: SeedTarget): Promise<Seeded> => {
  const started = performance.now();
  const [template] = await database.query<{ id: string }>(
    "select id from assets where user_id = $1::uuid order by created_at limit 1",
    [userId],
  );
  if (template === undefined) throw new Error("seeding needs one real icon of the user to copy");
  const before = await countRows(database, userId);
  await insertRows(database, userId, before.mine, target.userRows, template.id);
  const others = before.total - before.mine;
  const othersWanted = target.totalRows - target.userRows;
  const PER_USER = 1_000;
  for (let done = others; done < othersWanted; done += PER_USER) {
    const [user] = await database.query<{ id: string }>(
      "insert into users (email) values ($1) returning id",
      [`bench-${done / PER_USER}-${Date.now()}@example.test`],
    );
    if (user === undefined) throw new Error("inserting a bench user returned no row");
    await insertRows(database, user.id, 0, Math.min(PER_USER, othersWanted - done), template.id);
  }
  await database.query("analyze assets");
  const after = await countRows(database, userId);
  const [size] = await database.query<{ bytes: string }>(
    "select pg_database_size(current_database()) as bytes",
  );
  return {
    ms: performance.now() - started,
    userRows: after.mine,
    totalRows: after.total,
    databaseBytes: Number(size?.bytes ?? Number.NaN),
  };
};

export interface ScaleQueries {
  readonly firstPage: LoadResult;
  readonly deepPage: LoadResult;
  readonly searchCommon: LoadResult;
  readonly searchRare: LoadResult;
  /** How many rows deep the deep page starts. */
  readonly depth: number;
}

const PAGE = 20;
const WALK_PAGE = 100;

/** Follows nextCursor from the first page, `WALK_PAGE` rows at a time, to about `depth` rows in. */
const cursorAt = async (apiUrl: string, cookie: string, depth: number): Promise<string> => {
  let cursor: string | null = null;
  for (let walked = 0; walked < depth; walked += WALK_PAGE) {
    const query: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${apiUrl}/api/icons?limit=${WALK_PAGE}${query}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`walking the list failed: ${response.status}`);
    const body = (await response.json()) as { nextCursor: string | null };
    if (body.nextCursor === null) throw new Error(`the list ended before ${depth} rows`);
    cursor = body.nextCursor;
  }
  if (cursor === null) throw new Error("depth must be at least one page");
  return cursor;
};

/** List and search p99 through the API for the signed-in user (`cookie`). */
export const measureQueries = async (
  apiUrl: string,
  cookie: string,
  depth: number,
  seconds: number,
  connections: number,
): Promise<ScaleQueries> => {
  const get = (query: string) =>
    load({ url: `${apiUrl}/api/icons?limit=${PAGE}${query}`, headers: { cookie }, connections, seconds });
  const cursor = await cursorAt(apiUrl, cookie, depth);
  return {
    firstPage: await get(""),
    deepPage: await get(`&cursor=${encodeURIComponent(cursor)}`),
    searchCommon: await get(`&q=${SEARCHES.common}`),
    searchRare: await get(`&q=${SEARCHES.rare}`),
    depth,
  };
};
