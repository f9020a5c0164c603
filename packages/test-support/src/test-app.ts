import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { type App, buildApp } from "@parametric-portal/api/app";
import { type Config, loadConfig } from "@parametric-portal/api/config";
import { createLogger } from "@parametric-portal/api/http/logger";
import type { Database } from "@parametric-portal/database/client";
import { openMigratedTestDatabase } from "./database";
import { CLOSED_LOCAL_URL } from "./processes";

export interface TestApp {
  readonly app: App;
  readonly config: Config;
  readonly database: Database;
  /** Every log line written so far, as raw JSON text. */
  readonly logs: () => string;
  readonly close: () => Promise<void>;
}

/**
 * The whole API on a fresh, migrated database on the test PostgreSQL server, with a fresh
 * ENCRYPTION_KEY and captured logs. `env` adds or overrides variables.
 */
export const createTestApp = async (
  env: Record<string, string | undefined> = {},
  options: { database?: Database } = {},
): Promise<TestApp> => {
  const created = options.database ? undefined : await openMigratedTestDatabase("postgres", "api");
  const database = options.database ?? created!.database;
  const config = loadConfig({
    NODE_ENV: "test",
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "debug",
    DATA_DIR: "/nonexistent",
    // Nothing in the tests may reach a real provider: without a test's own fake, Anthropic calls
    // (generation, the key check on save) are refused at once by a closed local port.
    ANTHROPIC_BASE_URL: CLOSED_LOCAL_URL,
    ...env,
  });
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildApp(config, { database, logger: createLogger(config.logLevel, stream) });
  await app.ready();
  return {
    app,
    config,
    database,
    logs: () => lines.join(""),
    close: async () => {
      await app.close();
      await created?.close();
    },
  };
};
