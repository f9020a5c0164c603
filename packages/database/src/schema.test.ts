import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { getTableName, is, SQL } from "drizzle-orm";
import { getTableConfig, type IndexedColumn, PgDialect, type PgTable } from "drizzle-orm/pg-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqlSession } from "./client";
import { schema } from "./schema";

/**
 * schema.ts against a freshly migrated database, on both engines. Each table is reduced to the
 * same plain description from both sides — columns (type, nullability, default), indexes (keys,
 * order, uniqueness, predicate, method), foreign keys and check-constraint names — and every
 * difference is named, so a migration that adds something schema.ts lacks fails here.
 */

interface TableShape {
  columns: Map<string, string>;
  indexes: Map<string, string>;
  foreignKeys: Set<string>;
  checks: Set<string>;
}

const emptyShape = (): TableShape => ({
  columns: new Map(),
  indexes: new Map(),
  foreignKeys: new Set(),
  checks: new Set(),
});

/** True when the parentheses at both ends of `text` enclose all of it, as in "(a) and (b)" they do not. */
const wrappedWhole = (text: string): boolean => {
  let depth = 0;
  for (const [i, c] of [...text].entries()) {
    depth += c === "(" ? 1 : c === ")" ? -1 : 0;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return text.startsWith("(") && depth === 0;
};

const stripOuterParens = (text: string): string => {
  let result = text.trim();
  while (wrappedWhole(result)) result = result.slice(1, -1).trim();
  return result;
};

/** The same expression as PostgreSQL prints it and as Drizzle renders it compare equal. */
const normalize = (expression: string, table: string): string =>
  stripOuterParens(
    expression
      .replaceAll('"', "")
      .replaceAll(`${table}.`, "")
      .replace(/::(text|uuid|boolean|jsonb|timestamp with time zone)\b/g, "")
      .replace(/\s+/g, " ")
      .toLowerCase(),
  );

const columnShape = (type: string, notNull: boolean, defaultExpression: string | null) =>
  `${type}${notNull ? " not null" : ""}${defaultExpression === null ? "" : ` default ${defaultExpression}`}`;

const indexShape = (unique: boolean, method: string, keys: string[], predicate: string | null) =>
  `${unique ? "unique " : ""}${method} (${keys.join(", ")})${predicate === null ? "" : ` where ${predicate}`}`;

const ON_DELETE: Record<string, string> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

const foreignKeyShape = (columns: string, target: string, targetColumns: string, onDelete: string) =>
  `(${columns}) -> ${target}(${targetColumns}) on delete ${onDelete}`;

/** What the migrations built, read from pg_catalog. */
const describeDatabase = async (session: SqlSession): Promise<Map<string, TableShape>> => {
  const tables = new Map<string, TableShape>();
  const shape = (table: string) => tables.get(table) ?? tables.set(table, emptyShape()).get(table)!;
  const inPublic = "n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations'";
  for (const row of await session.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${inPublic}`,
  ))
    shape(row.name);
  const columns = await session.query<{
    tbl: string;
    col: string;
    type: string;
    nn: boolean;
    def: string | null;
  }>(
    `select c.relname as tbl, a.attname as col, format_type(a.atttypid, a.atttypmod) as type,
       a.attnotnull as nn, pg_get_expr(d.adbin, d.adrelid, true) as def
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where ${inPublic} and a.attnum > 0 and not a.attisdropped`,
  );
  for (const r of columns)
    shape(r.tbl).columns.set(
      r.col,
      columnShape(r.type, r.nn, r.def === null ? null : normalize(r.def, r.tbl)),
    );
  const indexes = await session.query<{
    tbl: string;
    name: string;
    uq: boolean;
    am: string;
    keys: string;
    pred: string | null;
  }>(
    `select c.relname as tbl, ic.relname as name, i.indisunique as uq, am.amname as am,
       (select string_agg(pg_get_indexdef(i.indexrelid, k, true)
          || case when i.indoption[k - 1] & 1 = 1 then ' desc' else '' end, '|' order by k)
        from generate_series(1, i.indnkeyatts) k) as keys,
       pg_get_expr(i.indpred, i.indrelid, true) as pred
     from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
     join pg_class ic on ic.oid = i.indexrelid join pg_am am on am.oid = ic.relam where ${inPublic}`,
  );
  for (const r of indexes)
    shape(r.tbl).indexes.set(
      r.name,
      indexShape(
        r.uq,
        r.am,
        r.keys.split("|").map((key) => normalize(key, r.tbl)),
        r.pred === null ? null : normalize(r.pred, r.tbl),
      ),
    );
  const attributeNames = (keys: string, relation: string) =>
    `(select string_agg(a.attname, ', ' order by u.ord) from unnest(${keys}) with ordinality u(num, ord)
      join pg_attribute a on a.attrelid = ${relation} and a.attnum = u.num)`;
  const constraints = await session.query<{
    tbl: string;
    name: string;
    type: string;
    cols: string | null;
    target: string | null;
    target_cols: string | null;
    on_delete: string;
  }>(
    `select c.relname as tbl, con.conname as name, con.contype as type,
       ${attributeNames("con.conkey", "con.conrelid")} as cols,
       (select relname from pg_class where oid = con.confrelid) as target,
       ${attributeNames("con.confkey", "con.confrelid")} as target_cols, con.confdeltype as on_delete
     from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
     where ${inPublic} and con.contype in ('f', 'c')`,
  );
  for (const r of constraints) {
    if (r.type === "c") shape(r.tbl).checks.add(r.name);
    else
      shape(r.tbl).foreignKeys.add(
        foreignKeyShape(
          r.cols ?? "",
          r.target ?? "",
          r.target_cols ?? "",
          ON_DELETE[r.on_delete] ?? r.on_delete,
        ),
      );
  }
  return tables;
};

const dialect = new PgDialect();
const render = (value: unknown, table: string): string =>
  is(value, SQL) ? normalize(dialect.sqlToQuery(value).sql, table) : normalize(String(value), table);

/** What schema.ts declares, from Drizzle's table config. */
const describeSchema = (tables: readonly PgTable[]): Map<string, TableShape> => {
  const described = new Map<string, TableShape>();
  for (const table of tables) {
    const config = getTableConfig(table);
    const shape = emptyShape();
    described.set(config.name, shape);
    const primary = config.columns.filter((column) => column.primary).map((column) => column.name);
    if (primary.length > 0)
      shape.indexes.set(`${config.name}_pkey`, indexShape(true, "btree", primary, null));
    for (const key of config.primaryKeys)
      shape.indexes.set(
        key.getName(),
        indexShape(
          true,
          "btree",
          key.columns.map((column) => column.name),
          null,
        ),
      );
    for (const column of config.columns) {
      const defaultValue = column.default === undefined ? null : render(column.default, config.name);
      shape.columns.set(column.name, columnShape(column.getSQLType(), column.notNull, defaultValue));
      if (column.isUnique && column.uniqueName !== undefined)
        shape.indexes.set(column.uniqueName, indexShape(true, "btree", [column.name], null));
    }
    for (const constraint of config.uniqueConstraints)
      shape.indexes.set(
        constraint.getName() ?? "(unnamed)",
        indexShape(
          true,
          "btree",
          constraint.columns.map((column) => column.name),
          null,
        ),
      );
    for (const { config: index } of config.indexes) {
      const keys = index.columns.map((key) =>
        is(key, SQL)
          ? render(key, config.name)
          : `${(key as Partial<IndexedColumn>).name ?? "?"}${(key as Partial<IndexedColumn>).indexConfig?.order === "desc" ? " desc" : ""}`,
      );
      const predicate = index.where === undefined ? null : render(index.where, config.name);
      shape.indexes.set(
        index.name ?? "(unnamed)",
        indexShape(index.unique, index.method ?? "btree", keys, predicate),
      );
    }
    for (const foreignKey of config.foreignKeys) {
      const reference = foreignKey.reference();
      shape.foreignKeys.add(
        foreignKeyShape(
          reference.columns.map((column) => column.name).join(", "),
          getTableName(reference.foreignTable),
          reference.foreignColumns.map((column) => column.name).join(", "),
          foreignKey.onDelete ?? "no action",
        ),
      );
    }
    for (const check of config.checks) shape.checks.add(check.name);
  }
  return described;
};

/** Every way the two descriptions disagree, one line each, naming the table and the item. */
const differences = (database: Map<string, TableShape>, declared: Map<string, TableShape>): string[] => {
  const found: string[] = [];
  const missing = (what: string, where: "schema.ts" | "the database") => `${what}: missing from ${where}`;
  for (const name of new Set([...database.keys(), ...declared.keys()])) {
    const db = database.get(name);
    const ts = declared.get(name);
    if (db === undefined || ts === undefined) {
      found.push(missing(`table ${name}`, db === undefined ? "the database" : "schema.ts"));
      continue;
    }
    for (const [kind, a, b] of [
      ["column", db.columns, ts.columns],
      ["index", db.indexes, ts.indexes],
    ] as const) {
      for (const item of new Set([...a.keys(), ...b.keys()])) {
        const inDb = a.get(item);
        const inTs = b.get(item);
        if (inDb === undefined || inTs === undefined)
          found.push(missing(`${name} ${kind} ${item}`, inDb === undefined ? "the database" : "schema.ts"));
        else if (inDb !== inTs)
          found.push(`${name} ${kind} ${item}: the database has "${inDb}", schema.ts has "${inTs}"`);
      }
    }
    for (const [kind, a, b] of [
      ["foreign key", db.foreignKeys, ts.foreignKeys],
      ["check", db.checks, ts.checks],
    ] as const) {
      for (const item of a) if (!b.has(item)) found.push(missing(`${name} ${kind} ${item}`, "schema.ts"));
      for (const item of b) if (!a.has(item)) found.push(missing(`${name} ${kind} ${item}`, "the database"));
    }
  }
  return found.sort();
};

describe.each(["postgres", "pglite"] as const)("schema.ts against the migrated database on %s", (kind) => {
  let session: SqlSession;
  let close: (() => Promise<void>) | undefined;
  const tables = Object.values(schema);
  beforeEach(async () => {
    let database: SqlSession;
    ({ database, close } = await openMigratedTestDatabase(kind, "schema"));
    session = database;
  });
  afterEach(async () => close?.());

  it("declares every table, column, type, nullability, default, index, foreign key and check", async () => {
    expect(differences(await describeDatabase(session), describeSchema(tables))).toEqual([]);
  });

  it("names what a migration added, changed or dropped without schema.ts following", async () => {
    await session.exec(`
      alter table assets add column extra_note text;
      create index assets_prompt_idx on assets (prompt);
      alter table sessions alter column user_agent set not null;
      drop index sessions_expires_at_idx;
      create table audit_log (id int);`);
    expect(differences(await describeDatabase(session), describeSchema(tables))).toEqual([
      "assets column extra_note: missing from schema.ts",
      "assets index assets_prompt_idx: missing from schema.ts",
      'sessions column user_agent: the database has "text not null", schema.ts has "text"',
      "sessions index sessions_expires_at_idx: missing from the database",
      "table audit_log: missing from schema.ts",
    ]);
  });
});
