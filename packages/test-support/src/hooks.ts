import type { Database } from "@parametric-portal/database/client";
import { afterAll, beforeAll } from "vitest";
import { openMigratedTestDatabase, type PostgresConfig } from "./database";
import { createTestApp, type TestApp } from "./test-app";

// Vitest hooks that open what a test file or describe block needs before its tests and close it
// after them, so each file does not write the same beforeAll/afterAll pair.

/**
 * Opens with `open` in a beforeAll and closes in an afterAll of the calling block; the returned
 * function gives what is open, or says clearly that it was read too early or too late.
 */
const openedForBlock = <T extends { close: () => Promise<void> }>(open: () => Promise<T>, what: string) => {
  let opened: T | undefined;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => {
    await opened?.close();
    opened = undefined;
  });
  return (): T => {
    if (opened === undefined)
      throw new Error(
        `${what} is not open: use it inside a test or a hook that runs after the one opening it.`,
      );
    return opened;
  };
};

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
  const current = openedForBlock(
    () => openMigratedTestDatabase(kind, label),
    `The ${kind} test database "${label}"`,
  );
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
  const current = openedForBlock(() => createTestApp(env), "The test app");
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
