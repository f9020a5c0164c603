import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { migrate } from "@parametric-portal/database/migrate";
import { createTestDatabase } from "@parametric-portal/database/testing";
import { stop, waitForHttp } from "./processes";

const REPO = path.resolve(import.meta.dirname, "../..");

export interface ApiServer {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/**
 * The real API process (tsx apps/api/src/main.ts) on a fresh migrated PostgreSQL database.
 * Secrets are generated here and passed through the environment, never argv.
 */
export const startApi = async (opts: {
  port: number;
  webOrigin: string;
  env?: Record<string, string>;
}): Promise<ApiServer> => {
  const db = await createTestDatabase("e2e");
  const database = await openDatabase(db.config);
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  let output = "";
  const child: ChildProcess = spawn(
    path.join(REPO, "node_modules/.bin/tsx"),
    [path.join(REPO, "apps/api/src/main.ts")],
    {
      cwd: path.join(REPO, "apps/api"),
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "test",
        API_HOST: "127.0.0.1",
        API_PORT: String(opts.port),
        API_BASE_URL: `http://127.0.0.1:${opts.port}`,
        WEB_APP_URL: opts.webOrigin,
        CORS_ORIGINS: opts.webOrigin,
        POSTGRES_HOST: db.config.host,
        POSTGRES_PORT: String(db.config.port),
        POSTGRES_DB: db.config.database,
        POSTGRES_USER: db.config.user,
        ...(db.config.password !== undefined && { POSTGRES_PASSWORD: db.config.password }),
        POSTGRES_SSL: "false",
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        METRICS_PORT: "off",
        DEV_SIGN_IN: "true",
        LOG_LEVEL: "warn",
        DATA_DIR: path.join(REPO, ".data/e2e"),
        ...opts.env,
      },
    },
  );
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${opts.port}/api`;
  try {
    await waitForHttp(`${url}/health/readiness`, child, () => output);
  } catch (error) {
    await stop(child);
    await db.drop();
    throw error;
  }
  return {
    url,
    close: async () => {
      await stop(child);
      await db.drop();
    },
  };
};
