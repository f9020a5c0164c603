import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "@parametric-portal/database/client";
import type { DatabaseConfig } from "@parametric-portal/database/config";
import { migrate } from "@parametric-portal/database/migrate";
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

/** A fresh, empty database on the test server; `drop()` removes it even with open connections. */
export const createTestDatabase = async (
  label = "t",
): Promise<{ config: PostgresConfig; drop: () => Promise<void> }> => {
  const name = `pp_${label
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`create database "${name}"`));
  return {
    config: {
      kind: "postgres",
      host: testServer.host,
      port: testServer.port,
      database: name,
      user: testServer.user,
      password: testServer.password,
      ssl: false,
    },
    drop: () =>
      admin((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
};

export interface MigratedTestDatabase<Config extends PostgresConfig | undefined> {
  /** An open connection (a pool on the server), migrated to the latest schema. */
  readonly database: Database;
  /** Set for the server, so a test can open more connections or hand it to an API process. */
  readonly config: Config;
  /** Closes `database` and drops the server database even when other connections are open. */
  readonly close: () => Promise<void>;
}

/**
 * The one way tests get a fresh, migrated, empty database: on the test PostgreSQL server, or an
 * in-memory PGlite, so the same test can run against both.
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
  const created = kind === "postgres" ? await createTestDatabase(label) : undefined;
  try {
    const database = await openDatabase(created?.config ?? { kind: "pglite", dataDir: undefined });
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    return {
      database,
      config: created?.config,
      close: async () => {
        await database.close();
        await created?.drop();
      },
    };
  } catch (error) {
    await created?.drop();
    throw error;
  }
}
