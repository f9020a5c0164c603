import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTestDatabase } from "@parametric-portal/test-support/database";
import { waitFor } from "@parametric-portal/test-support/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./client";
import type { DatabaseConfig } from "./config";
import { defaultMigrationsDir, loadMigrations, migrate } from "./migrate";

const tableNames = async (db: Database) =>
  (
    await db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    )
  ).map((row) => row.table_name);

const EXPECTED_TABLES = ["api_keys", "assets", "oauth_accounts", "schema_migrations", "sessions", "users"];

describe.each([
  ["postgres server", "postgres"],
  ["PGlite", "pglite"],
] as const)("migrations on %s", (_label, kind) => {
  let config: DatabaseConfig;
  let drop: () => Promise<void> = async () => {};
  let db: Database;

  beforeAll(async () => {
    if (kind === "postgres") {
      const created = await createTestDatabase("migrate");
      config = created.config;
      drop = created.drop;
    } else {
      config = { kind: "pglite", dataDir: undefined };
    }
    db = await openDatabase(config);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("goes from empty to head, then finds nothing to do on a second run", async () => {
    expect(await tableNames(db)).toEqual([]);
    const all = await loadMigrations();
    const first = await migrate(db);
    expect(first.applied).toEqual(all.map((m) => m.version));
    expect(await tableNames(db)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    const rows = await db.query<{ n: number }>("select count(*)::int as n from schema_migrations");
    expect(rows[0]?.n).toBe(all.length);
  });

  it("enforces case-insensitive unique emails", async () => {
    await db.query("insert into users (email) values ($1)", ["Ada@Example.com"]);
    await expect(db.query("insert into users (email) values ($1)", ["ada@example.COM"])).rejects.toThrow(
      /unique/i,
    );
  });
});

describe("migrations against one server database", () => {
  let config: DatabaseConfig;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ config, drop } = await createTestDatabase("concurrent"));
  });
  afterAll(async () => drop());

  it("two migrators started at the same moment both succeed and apply each migration once", async () => {
    const [a, b] = await Promise.all([openDatabase(config), openDatabase(config)]);
    try {
      const results = await Promise.all([migrate(a), migrate(b)]);
      const all = (await loadMigrations()).map((m) => m.version);
      // Exactly one of them did the work; the other waited on the lock and found nothing to do.
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, all.length]);
      const rows = await a.query<{ version: string }>(
        "select version from schema_migrations order by version",
      );
      expect(rows.map((r) => r.version)).toEqual(all);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("waits on another migrator's lock for longer than the pool's query timeout", async () => {
    const holder = await openDatabase(config);
    const waiter = await openDatabase({
      ...(config as Extract<DatabaseConfig, { kind: "postgres" }>),
      queryTimeoutMs: 200,
    });
    try {
      let locked: () => void = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      let release: () => void = () => {};
      const held = holder.withConnection(async (session) => {
        await session.query("select pg_advisory_lock($1)", [727_274_001]);
        locked();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        await session.query("select pg_advisory_unlock($1)", [727_274_001]);
      });
      // `held` settles only after release, so this ends when the lock is taken or taking it failed.
      await Promise.race([lockTaken, held]);
      const waiting = migrate(waiter);
      // A failure is asserted below; this keeps an early one from surfacing as an unhandled rejection.
      waiting.catch(() => undefined);
      await waitFor(
        async () =>
          (
            await holder.query<{ n: number }>(
              "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and objid::bigint = $1",
              [727_274_001],
            )
          )[0]?.n === 1,
        "the second migrator to block on the migration lock",
        10_000,
      );
      // The point is a wait longer than the 200 ms query timeout, so time itself has to pass here.
      await new Promise((resolve) => setTimeout(resolve, 600));
      release();
      await held;
      await expect(waiting).resolves.toMatchObject({ applied: [] });
    } finally {
      await holder.close();
      await waiter.close();
    }
  });

  it("refuses a migration that was edited after it was applied, and one it does not know", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pp-migrations-"));
    const db = await openDatabase(config);
    try {
      await cp(defaultMigrationsDir, dir, { recursive: true });
      await migrate(db, dir);
      await writeFile(path.join(dir, "0001_init.sql"), "-- edited\nselect 1;");
      await expect(migrate(db, dir)).rejects.toThrow(/0001_init was edited after it was applied/);
      await db.query("insert into schema_migrations (version, checksum) values ('9999_future', 'x')");
      await cp(defaultMigrationsDir, dir, { recursive: true });
      await expect(migrate(db, dir)).rejects.toThrow(/9999_future, which this build does not know/);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rolls back a failing migration completely and reports which one failed", async () => {
    const { config: freshConfig, drop: dropFresh } = await createTestDatabase("broken");
    const dir = await mkdtemp(path.join(os.tmpdir(), "pp-migrations-"));
    const db = await openDatabase(freshConfig);
    try {
      await writeFile(path.join(dir, "0001_ok.sql"), "create table a (id int);");
      await writeFile(
        path.join(dir, "0002_broken.sql"),
        "create table b (id int); select * from missing_table;",
      );
      await expect(migrate(db, dir)).rejects.toThrow(/Migration 0002_broken failed/);
      expect(await tableNames(db)).toEqual(["a", "schema_migrations"]);
    } finally {
      await db.close();
      await dropFresh();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
