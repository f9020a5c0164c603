import { randomUUID } from "node:crypto";
import type { Asset, IconSummary, ListIconsQuery, Variant } from "@parametric-portal/contracts/icons";
import type { Database } from "@parametric-portal/database/client";
import { isDatabaseUnavailable } from "@parametric-portal/database/errors";
import { assets, iconSetItems } from "@parametric-portal/database/schema";
import { and, asc, desc, eq, inArray, isNotNull, isNull, Placeholder, type SQL, sql } from "drizzle-orm";
import { badRequest } from "../http/errors";
import { batchWriter } from "./batch-writer";
import { decodeCursor, encodeCursor } from "./list-cursor";

/**
 * The `assets` table as the icons API sees it, through Drizzle (it runs on PostgreSQL and PGlite
 * alike); every read and write is scoped to its owner so one user can never reach another's rows.
 * Every generation is kept in the history; `kept_at` puts one in the library.
 */

export type KeySource = NonNullable<(typeof assets.$inferSelect)["keySource"]>;

// Generations stored at the same time share a statement: at most this many rows in one, and at
// most this many statements on their way at once (one slow insert does not hold up the rest).
const INSERT_BATCH_ROWS = 16;
const INSERT_BATCHES_IN_FLIGHT = 2;

export interface NewAsset {
  /**
   * The row's id, made by the caller when it may retry: an insert that committed but whose
   * answer was lost is then found again instead of stored twice. Made here when absent.
   */
  readonly id?: string;
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

/** One row as the insert binds it: the asset with its id, arrays copied, absent lists null. */
type InsertValues = Omit<NewAsset, "id" | "variants" | "understood" | "notUnderstood"> & {
  readonly id: string;
  readonly variants: Variant[];
  readonly understood: string[] | null;
  readonly notUnderstood: string[] | null;
};

/** What `list` takes: the query string's filters, with the limit resolved. */
export type ListOptions = Omit<ListIconsQuery, "limit"> & { readonly limit: number };

const selection = {
  id: assets.id,
  prompt: assets.prompt,
  name: assets.name,
  keptAt: assets.keptAt,
  keptVariant: assets.keptVariant,
  intent: assets.intent,
  colorMode: assets.colorMode,
  engine: assets.engine,
  parentId: assets.parentId,
  createdAt: assets.createdAt,
  variants: assets.variants,
  understood: assets.understood,
  notUnderstood: assets.notUnderstood,
};

type SelectedRow = Pick<typeof assets.$inferSelect, keyof typeof selection>;

const toAsset = (row: SelectedRow): Asset => ({
  id: row.id,
  prompt: row.prompt,
  name: row.name,
  kept: row.keptAt !== null,
  keptVariant: row.keptVariant,
  intent: row.intent,
  colorMode: row.colorMode,
  engine: row.engine,
  parentId: row.parentId,
  createdAt: row.createdAt.toISOString(),
  ...(row.understood !== null && { understood: row.understood }),
  ...(row.notUnderstood !== null && { notUnderstood: row.notUnderstood }),
  variants: row.variants,
});

// Both expressions must stay exactly those of the indexes in migration 0006 for the planner to use
// them, and searchText that of migration 0007's statistics, which tell it how common a term is.
const nameKey = sql<string>`lower(coalesce(${assets.name}, ${assets.prompt}))`;
const searchText = sql`lower((coalesce(${assets.name}, '') || ' ') || ${assets.prompt})`;

/** The light list columns: never `variants`, whose TOASTed JSON is the bulk of a row. */
const summarySelection = {
  id: assets.id,
  prompt: assets.prompt,
  name: assets.name,
  tool: assets.tool,
  toolType: assets.toolType,
  engine: assets.engine,
  intent: assets.intent,
  colorMode: assets.colorMode,
  kept: sql<boolean>`${assets.keptAt} is not null`,
  keptVariant: assets.keptVariant,
  // The answer's ISO 8601 text in milliseconds, as Date#toISOString writes it, made by PostgreSQL:
  // parsing each row's timestamp into a Date and printing it again cost ~8 % of the list's CPU.
  createdAt: sql<string>`to_char(${assets.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  // created_at as PostgreSQL prints it: the cursor needs the microseconds a JS Date would lose.
  createdAtText: sql<string>`${assets.createdAt}::text`,
  nameKey,
  parentId: assets.parentId,
  variantCount: assets.variantCount,
  thumbnailSvg: assets.thumbnailSvg,
};

/** A summary as read: the contract's, with the Date and the cursor keys still in it. */
type SummaryRow = IconSummary & { createdAtText: string; nameKey: string };

// Where each field sits in a row read as an array: the select list follows summarySelection.
const SUMMARY_AT = Object.fromEntries(Object.keys(summarySelection).map((key, i) => [key, i])) as Record<
  keyof typeof summarySelection,
  number
>;

const SUMMARY_FIELDS = Object.keys(SUMMARY_AT).length;

/** A summary row read as an array (every field is text, a number, a boolean or null). */
const summaryRow = (values: readonly unknown[]): SummaryRow => {
  // A selection that stopped being one column per key would shift every field without this.
  if (values.length !== SUMMARY_FIELDS) {
    throw new Error(`The list's first page read ${values.length} columns for ${SUMMARY_FIELDS} fields.`);
  }
  const field = <K extends keyof SummaryRow>(key: K) => values[SUMMARY_AT[key]] as SummaryRow[K];
  return {
    id: field("id"),
    prompt: field("prompt"),
    name: field("name"),
    tool: field("tool"),
    toolType: field("toolType"),
    engine: field("engine"),
    intent: field("intent"),
    colorMode: field("colorMode"),
    kept: field("kept"),
    keptVariant: field("keptVariant"),
    createdAt: field("createdAt"),
    createdAtText: field("createdAtText"),
    nameKey: field("nameKey"),
    parentId: field("parentId"),
    variantCount: field("variantCount"),
    thumbnailSvg: field("thumbnailSvg"),
  };
};

/** What the list answers for a row: written out, since a rest-and-spread per row cost ~4 % of the list's CPU. */
const toSummary = (row: SummaryRow): IconSummary => ({
  id: row.id,
  prompt: row.prompt,
  name: row.name,
  tool: row.tool,
  toolType: row.toolType,
  engine: row.engine,
  intent: row.intent,
  colorMode: row.colorMode,
  kept: row.kept,
  keptVariant: row.keptVariant,
  createdAt: row.createdAt,
  parentId: row.parentId,
  variantCount: row.variantCount,
  thumbnailSvg: row.thumbnailSvg,
});

const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const live = (userId: string) => and(eq(assets.userId, userId), isNull(assets.deletedAt));

export const createIconsRepository = (database: Pick<Database, "db" | "queryArrays">) => {
  const { db } = database;
  // The hot read, prepared once under a name: PostgreSQL plans it once per connection.
  const findOwnedQuery = db
    .select(selection)
    .from(assets)
    .where(
      and(
        eq(assets.id, sql.placeholder("id")),
        eq(assets.userId, sql.placeholder("userId")),
        isNull(assets.deletedAt),
      ),
    )
    .limit(1)
    .prepare("icons_find_owned");
  // The list as the web app first opens it (newest first, no filter, no cursor): the hottest
  // read. Building and planning it each time cost more than reading its twenty rows, and so did
  // Drizzle's generic row mapping (~15 % of the request's CPU), so Drizzle writes its text once,
  // it runs as a named statement (planned once per connection) and its rows, read as arrays in
  // select-list order, go straight into summaries.
  const firstPageSql = db
    .select(summarySelection)
    .from(assets)
    .where(and(eq(assets.userId, sql.placeholder("userId")), isNull(assets.deletedAt)))
    .orderBy(desc(assets.createdAt), desc(assets.id))
    .limit(sql.placeholder("limit"))
    .toSQL();
  const firstPageStatement = { name: "icons_list_first_page", text: firstPageSql.sql };
  const firstPageParams = firstPageSql.params.map((param) =>
    param instanceof Placeholder ? param.name : "",
  );
  if (firstPageParams.some((name) => name !== "userId" && name !== "limit")) {
    throw new Error("The list's first page takes only the userId and limit placeholders.");
  }
  const firstPage = async (userId: string, limit: number) =>
    (
      await database.queryArrays(
        firstPageStatement,
        firstPageParams.map((name) => (name === "userId" ? userId : limit)),
      )
    ).map(summaryRow);

  // Every generation's one write, prepared too (Drizzle built the insert anew for every
  // generation), one statement per batch size: generations stored at the same time go in one
  // statement (batch-writer.ts). The ids are made here, so each row is matched to its caller.
  const insertStatements = new Map<number, ReturnType<typeof prepareInsert>>();
  const prepareInsert = (rows: number) =>
    db
      .insert(assets)
      .values(
        Array.from({ length: rows }, (_, i) => {
          const value = (name: keyof InsertValues) => sql.placeholder(`${name}${i}`);
          return {
            id: value("id"),
            userId: value("userId"),
            parentId: value("parentId"),
            prompt: value("prompt"),
            intent: value("intent"),
            colorMode: value("colorMode"),
            engine: value("engine"),
            keySource: value("keySource"),
            variants: value("variants"),
            understood: value("understood"),
            notUnderstood: value("notUnderstood"),
          };
        }),
      )
      // A row already there under its id is an earlier attempt of the same caller that committed.
      .onConflictDoNothing({ target: assets.id })
      // Only what the database decides: the stored asset is otherwise what was sent. Returning the
      // variants too made PostgreSQL de-TOAST and print their JSON (~15 KB for three) and the driver
      // parse it back, for every generation.
      .returning({
        id: assets.id,
        name: assets.name,
        keptAt: assets.keptAt,
        keptVariant: assets.keptVariant,
        createdAt: assets.createdAt,
      })
      .prepare(`icons_insert_${rows}`);
  const insertRows = async (rows: readonly InsertValues[]) => {
    let statement = insertStatements.get(rows.length);
    if (statement === undefined) {
      statement = prepareInsert(rows.length);
      insertStatements.set(rows.length, statement);
    }
    const params: Record<string, unknown> = {};
    for (const [i, row] of rows.entries()) {
      for (const [name, value] of Object.entries(row)) params[`${name}${i}`] = value;
    }
    const stored = new Map((await statement.execute(params)).map((row) => [row.id, row]));
    return Promise.all(
      rows.map(async (row) => {
        const inserted = stored.get(row.id);
        // The stored asset is what was sent, plus what the database decided.
        if (inserted !== undefined) return toAsset({ ...row, ...inserted });
        // Stored by an earlier attempt whose answer never arrived: that row is the answer.
        const [earlier] = await findOwnedQuery.execute({ id: row.id, userId: row.userId });
        if (earlier === undefined) throw new Error("insert into assets returned no row");
        return toAsset(earlier);
      }),
    );
  };
  const insert = batchWriter({
    writeMany: insertRows,
    isUnavailable: isDatabaseUnavailable,
    maxItems: INSERT_BATCH_ROWS,
    maxInFlight: INSERT_BATCHES_IN_FLIGHT,
  });

  /** Soft-deletes the owned, live ones among `ids` and takes them out of every set, atomically. */
  const deleteOwned = async (userId: string, ids: readonly string[]): Promise<string[]> =>
    db.transaction(async (tx) => {
      const rows = await tx
        .update(assets)
        .set({ deletedAt: sql`now()` })
        .where(and(inArray(assets.id, [...ids]), live(userId)))
        .returning({ id: assets.id });
      const deleted = rows.map((row) => row.id);
      if (deleted.length > 0) await tx.delete(iconSetItems).where(inArray(iconSetItems.assetId, deleted));
      return deleted;
    });

  return {
    /** One insert: the generation is either fully stored or not at all. */
    insert(asset: NewAsset): Promise<Asset> {
      return insert({
        id: asset.id ?? randomUUID(),
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
      });
    },

    async findOwned(userId: string, id: string): Promise<Asset | null> {
      const [row] = await findOwnedQuery.execute({ id, userId });
      return row === undefined ? null : toAsset(row);
    },

    /**
     * One page of light summaries, keyset-paginated on (sort key, id) so pages never skip or
     * repeat rows: newest/oldest on created_at, name on the lowered label (else prompt).
     * Every filter is an index condition of migration 0006, so a page costs the page, not the table.
     */
    async list(
      userId: string,
      options: ListOptions,
    ): Promise<{ items: IconSummary[]; nextCursor: string | null }> {
      const sort = options.sort ?? "newest";
      const conditions: (SQL | undefined)[] = [live(userId)];
      if (options.view === "library") conditions.push(isNotNull(assets.keptAt));
      if (options.tool !== undefined) conditions.push(eq(assets.tool, options.tool));
      if (options.toolType !== undefined) conditions.push(eq(assets.toolType, options.toolType));
      if (options.engine !== undefined) conditions.push(eq(assets.engine, options.engine));
      const q = options.q?.trim();
      // Backslash is PostgreSQL's default LIKE escape, which likePattern uses.
      if (q) conditions.push(sql`${searchText} like lower(${likePattern(q)})`);
      if (options.cursor !== undefined) {
        const { key, id } = decodeCursor(options.cursor, sort);
        // Row comparisons on the cursor's text: Drizzle has neither, and a Date would lose microseconds.
        conditions.push(
          sort === "name"
            ? sql`(${nameKey}, ${assets.id}) > (${key}, ${id}::uuid)`
            : sort === "oldest"
              ? sql`(${assets.createdAt}, ${assets.id}) > (${key}::timestamptz, ${id}::uuid)`
              : sql`(${assets.createdAt}, ${assets.id}) < (${key}::timestamptz, ${id}::uuid)`,
        );
      }
      const order =
        sort === "name"
          ? [asc(nameKey), asc(assets.id)]
          : sort === "oldest"
            ? [asc(assets.createdAt), asc(assets.id)]
            : [desc(assets.createdAt), desc(assets.id)];
      const plain = conditions.length === 1 && sort === "newest";
      const rows: SummaryRow[] = plain
        ? await firstPage(userId, options.limit + 1)
        : await db
            .select(summarySelection)
            .from(assets)
            .where(and(...conditions))
            .orderBy(...order)
            .limit(options.limit + 1);
      const page = rows.slice(0, options.limit);
      const last = page.at(-1);
      return {
        items: page.map(toSummary),
        nextCursor:
          rows.length > options.limit && last !== undefined
            ? encodeCursor(sort, sort === "name" ? last.nameKey : last.createdAtText, last.id)
            : null,
      };
    },

    /**
     * Keeps (library) or un-keeps an owned icon; un-keeping takes it out of its sets and forgets
     * the picked variant. `variant` (keeping only) records the variant the user picked: the list's
     * thumbnail and a set's default; without it the pick stays as it was. Null when missing; 400
     * VARIANT_NOT_FOUND for a variant the icon does not have.
     */
    async setKept(userId: string, id: string, kept: boolean, variant?: number): Promise<Asset | null> {
      return db.transaction(async (tx) => {
        if (kept && variant !== undefined) {
          const [icon] = await tx
            .select({ indexes: sql<number[]>`jsonb_path_query_array(${assets.variants}, '$[*].index')` })
            .from(assets)
            .where(and(eq(assets.id, id), live(userId)))
            .for("update");
          if (icon === undefined) return null;
          if (!icon.indexes.includes(variant))
            throw badRequest(
              "VARIANT_NOT_FOUND",
              `Icon ${id} has no variant ${variant}; it has ${icon.indexes.join(", ")}. Send one of those, or no body to keep it without a pick.`,
              { field: "body.variant", iconId: id, variant },
            );
        }
        const [row] = await tx
          .update(assets)
          .set({
            // A second keep leaves the first time it was kept.
            keptAt: kept ? sql`coalesce(${assets.keptAt}, now())` : null,
            ...(kept ? variant !== undefined && { keptVariant: variant } : { keptVariant: null }),
          })
          .where(and(eq(assets.id, id), live(userId)))
          .returning(selection);
        if (row === undefined) return null;
        if (!kept) await tx.delete(iconSetItems).where(eq(iconSetItems.assetId, id));
        return toAsset(row);
      });
    },

    /** Sets or clears (null) the user's label; null when there is no such owned icon. */
    async rename(userId: string, id: string, name: string | null): Promise<Asset | null> {
      const [row] = await db
        .update(assets)
        .set({ name })
        .where(and(eq(assets.id, id), live(userId)))
        .returning(selection);
      return row === undefined ? null : toAsset(row);
    },

    /** Soft delete; false when there was no such (live, owned) icon. */
    async softDelete(userId: string, id: string): Promise<boolean> {
      return (await deleteOwned(userId, [id])).length > 0;
    },

    /** Soft-deletes the owned ones among `ids`; returns the ids deleted. */
    bulkDelete: deleteOwned,
  };
};

export type IconsRepository = ReturnType<typeof createIconsRepository>;
