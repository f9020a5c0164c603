import type { Database } from "@parametric-portal/database/client";
import { afterAll, beforeAll } from "vitest";
import { type MigratedTestDatabase, openMigratedTestDatabase, type PostgresConfig } from "./database";
import { createTestApp, type TestApp } from "./test-app";

// Vitest hooks that open what a test file or describe block needs before its tests and close it
// after them, so each file does not write the same beforeAll/afterAll pair.

/** The engines the API runs on; a data-layer test runs `describe.each(ENGINES)` to hold both to it. */
export const ENGINES = ["postgres", "pglite"] as const;
export type Engine = (typeof ENGINES)[number];

export interface EngineDatabase {
  /** The open, migrated database; read it inside a test or a later hook. */
  readonly database: Database;
  /** Set on the server, so a test can open more connections to the same database. */
  readonly config: PostgresConfig | undefined;
  /** Adds a user without an email and returns its id. */
  readonly newUser: () => Promise<string>;
}

/**
 * For the calling describe block: a fresh migrated database on `kind`, opened before its tests
 * and closed (dropped on the server) after them.
 */
export const useMigratedDatabase = (kind: Engine, label: string): EngineDatabase => {
  let opened: MigratedTestDatabase<PostgresConfig | undefined> | undefined;
  beforeAll(async () => {
    opened = await openMigratedTestDatabase(kind, label);
  });
  afterAll(async () => {
    await opened?.close();
    opened = undefined;
  });
  const current = () => {
    if (opened === undefined)
      throw new Error(
        `The ${kind} test database "${label}" is not open: use it inside a test or a hook that runs after useMigratedDatabase's beforeAll.`,
      );
    return opened;
  };
  return {
    get database() {
      return current().database;
    },
    get config() {
      return current().config;
    },
    newUser: async () => {
      const [row] = await current().database.query<{ id: string }>(
        "insert into users (email) values (null) returning id",
      );
      if (row === undefined) throw new Error("Inserting a test user returned no row.");
      return row.id;
    },
  };
};

/**
 * For the calling file or describe block: `createTestApp(env)` before its tests, closed after
 * them. The fields read the app opened for this run, so `t.app` works inside tests and hooks.
 */
export const useTestApp = (env: Record<string, string | undefined> = {}): TestApp => {
  let opened: TestApp | undefined;
  beforeAll(async () => {
    opened = await createTestApp(env);
  });
  afterAll(async () => {
    await opened?.close();
    opened = undefined;
  });
  const current = () => {
    if (opened === undefined)
      throw new Error(
        "The test app is not open: use it inside a test or a hook that runs after useTestApp's beforeAll.",
      );
    return opened;
  };
  return {
    get app() {
      return current().app;
    },
    get config() {
      return current().config;
    },
    get database() {
      return current().database;
    },
    logs: () => current().logs(),
    close: () => current().close(),
  };
};
