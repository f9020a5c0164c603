import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "./client";
import type { DatabaseConfig } from "./config";
import { migrate } from "./migrate";

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

/**
 * A migrated, empty database of either kind, for tests that run the same code on the server and
 * on PGlite. `config` is set for the server, so a test can open more connections to it.
 */
export const openMigratedTestDatabase = async (
  kind: "postgres" | "pglite",
  label: string,
): Promise<{ database: Database; config: PostgresConfig | undefined; close: () => Promise<void> }> => {
  const created = kind === "postgres" ? await createTestDatabase(label) : undefined;
  const database = await openDatabase(created?.config ?? { kind: "pglite", dataDir: undefined });
  await migrate(database);
  return {
    database,
    config: created?.config,
    close: async () => {
      await database.close();
      await created?.drop();
    },
  };
};
