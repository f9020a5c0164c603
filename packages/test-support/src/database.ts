import { createHash, randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, realpath, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "@parametric-portal/database/client";
import type { DatabaseConfig } from "@parametric-portal/database/config";
import { defaultMigrationsDir, loadMigrations, migrate } from "@parametric-portal/database/migrate";
import pg from "pg";

/** The PostgreSQL server tests use; `.ci/run` starts one on 127.0.0.1:5432. */
export const testServer = {
  host: process.env.TEST_POSTGRES_HOST ?? "127.0.0.1",
  port: Number(process.env.TEST_POSTGRES_PORT ?? 5432),
  user: process.env.TEST_POSTGRES_USER ?? "postgres",
  password: process.env.TEST_POSTGRES_PASSWORD,
};

export type PostgresConfig = Extract<DatabaseConfig, { kind: "postgres" }>;

const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ ...testServer, database: "postgres" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const serverConfig = (database: string): PostgresConfig => ({
  kind: "postgres",
  host: testServer.host,
  port: testServer.port,
  database,
  user: testServer.user,
  password: testServer.password,
  ssl: false,
});

const uniqueName = (label: string) =>
  `pp_${label
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(6).toString("hex")}`;

const dropper = (name: string) => () =>
  admin((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {});

/** A fresh, empty database on the test server; `drop()` removes it even with open connections. */
export const createTestDatabase = async (
  label = "t",
): Promise<{ config: PostgresConfig; drop: () => Promise<void> }> => {
  const name = uniqueName(label);
  await admin((client) => client.query(`create database "${name}"`));
  return { config: serverConfig(name), drop: dropper(name) };
};

// Migrating from scratch costs every test file a second or more on a busy machine; a copy of an
// already migrated database costs a fraction of that. The copies are keyed by what decides their
// content (the migration files, the migrator, and for PGlite its build), so a changed migration
// gets a new one and a stale one is never used. Migrating from nothing stays covered by
// packages/database/src/migrate.test.ts and apps/api/src/migrate.test.ts, which do not use these.
const MIGRATE_SOURCE = path.join(defaultMigrationsDir, "../src/migrate.ts");

const migrationsKey = async (...extra: string[]): Promise<string> => {
  const hash = createHash("sha256");
  for (const migration of await loadMigrations()) hash.update(`${migration.version}:${migration.checksum}\n`);
  hash.update(await readFile(MIGRATE_SOURCE));
  for (const part of extra) hash.update(`\n${part}`);
  return hash.digest("hex").slice(0, 16);
};

// Any constant works; only the test helpers building a template take it.
const TEMPLATE_LOCK_KEY = 727_274_099;

let serverTemplate: Promise<string> | undefined;

/**
 * The name of a migrated template database on the test server, built once for a set of
 * migrations (under an advisory lock, so parallel test files and parallel runs build it once)
 * and then only copied by `CREATE DATABASE … TEMPLATE`. It refuses connections, so nothing can
 * change it after it is built.
 */
export const migratedTemplate = (): Promise<string> => {
  serverTemplate ??= (async () => {
    const name = `pp_template_${await migrationsKey()}`;
    await admin(async (client) => {
      await client.query("select pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
      try {
        const found = await client.query("select 1 from pg_database where datname = $1", [name]);
        if (found.rowCount === 1) return;
        // Only the lock holder builds, so a fixed name is safe; one left by a killed run goes first.
        const building = `${name}_build`;
        await client.query(`drop database if exists "${building}" with (force)`);
        await client.query(`create database "${building}"`);
        const database = await openDatabase(serverConfig(building));
        try {
          await migrate(database);
        } finally {
          await database.close();
        }
        await client.query(`alter database "${building}" rename to "${name}"`);
        await client.query(`alter database "${name}" with is_template true allow_connections false`);
      } finally {
        await client.query("select pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
      }
    });
    return name;
  })().catch((error: unknown) => {
    serverTemplate = undefined;
    throw error;
  });
  return serverTemplate;
};

// PGlite's own build decides its data folder's format, so its file is part of the key.
const pgliteBuild = async (): Promise<string> => {
  const require = createRequire(path.join(defaultMigrationsDir, "../package.json"));
  const wasm = await realpath(require.resolve("@electric-sql/pglite/pglite.wasm"));
  return `${wasm}:${(await stat(wasm)).size}`;
};

let pgliteTemplate: Promise<string> | undefined;

/**
 * A migrated PGlite data folder in the temporary directory, built once for a set of migrations
 * and a PGlite build; a test opens a copy of it, which skips PGlite's initdb and the migrations.
 * Built beside its final name and renamed into place, so a reader never sees half of one.
 */
export const migratedPgliteFolder = (): Promise<string> => {
  pgliteTemplate ??= (async () => {
    const folder = path.join(tmpdir(), `pp-test-pglite-${await migrationsKey(await pgliteBuild())}`);
    if (
      await stat(folder).then(
        () => true,
        () => false,
      )
    )
      return folder;
    const building = `${folder}.build-${randomBytes(6).toString("hex")}`;
    try {
      const database = await openDatabase({ kind: "pglite", dataDir: building });
      try {
        await migrate(database);
      } finally {
        await database.close();
      }
      // Another process may have renamed its own build into place first; theirs is as good.
      await rename(building, folder).catch(() => {});
    } finally {
      await rm(building, { recursive: true, force: true });
    }
    return folder;
  })().catch((error: unknown) => {
    pgliteTemplate = undefined;
    throw error;
  });
  return pgliteTemplate;
};

export interface MigratedTestDatabase<Config extends PostgresConfig | undefined> {
  /** An open connection (a pool on the server), migrated to the latest schema. */
  readonly database: Database;
  /** Set for the server, so a test can open more connections or hand it to an API process. */
  readonly config: Config;
  /** Closes `database` and drops the server database even when other connections are open. */
  readonly close: () => Promise<void>;
}

const openServerCopy = async (label: string): Promise<MigratedTestDatabase<PostgresConfig>> => {
  const template = await migratedTemplate();
  const name = uniqueName(label);
  await admin((client) => client.query(`create database "${name}" template "${template}"`));
  const drop = dropper(name);
  try {
    const config = serverConfig(name);
    const database = await openDatabase(config);
    return {
      database,
      config,
      close: async () => {
        await database.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
};

const openPgliteCopy = async (): Promise<MigratedTestDatabase<undefined>> => {
  const template = await migratedPgliteFolder();
  const scratch = await mkdtemp(path.join(tmpdir(), "pp-test-pglite-copy-"));
  const remove = () => rm(scratch, { recursive: true, force: true });
  try {
    const dataDir = path.join(scratch, "pglite");
    await cp(template, dataDir, { recursive: true });
    const database = await openDatabase({ kind: "pglite", dataDir });
    return {
      database,
      config: undefined,
      close: async () => {
        await database.close();
        await remove();
      },
    };
  } catch (error) {
    await remove();
    throw error;
  }
};

/**
 * The one way tests get a fresh, migrated, empty database: on the test PostgreSQL server, or a
 * PGlite of its own, so the same test can run against both. Both are copies of a database
 * migrated once (`migratedTemplate`, `migratedPgliteFolder`).
 */
export function openMigratedTestDatabase(
  kind: "postgres",
  label: string,
): Promise<MigratedTestDatabase<PostgresConfig>>;
export function openMigratedTestDatabase(
  kind: "pglite",
  label?: string,
): Promise<MigratedTestDatabase<undefined>>;
export function openMigratedTestDatabase(
  kind: "postgres" | "pglite",
  label?: string,
): Promise<MigratedTestDatabase<PostgresConfig | undefined>>;
export async function openMigratedTestDatabase(
  kind: "postgres" | "pglite",
  label = "t",
): Promise<MigratedTestDatabase<PostgresConfig | undefined>> {
  return kind === "postgres" ? openServerCopy(label) : openPgliteCopy();
}
