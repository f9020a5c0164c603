import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { healthcheckCommand } from "@parametric-portal/policies/dockerfile-rules";
import { createTestDatabase, type PostgresConfig } from "@parametric-portal/test-support/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildImageFolder,
  containerEnv,
  freePort,
  repoRoot,
  start,
  waitForUrl,
} from "../test-kit/docker-bundle-harness";

// The API image's /app, built by the Dockerfile's own script, run with a container-like environment.
let app: string;
let database: { config: PostgresConfig; drop: () => Promise<void> };
let env: NodeJS.ProcessEnv;
let port: number;

beforeAll(async () => {
  app = buildImageFolder("api");
  database = await createTestDatabase("apibundle");
  port = await freePort();
  env = containerEnv({
    NODE_ENV: "production",
    POSTGRES_HOST: database.config.host,
    POSTGRES_PORT: String(database.config.port),
    POSTGRES_DB: database.config.database,
    POSTGRES_USER: database.config.user,
    POSTGRES_PASSWORD: database.config.password ?? randomBytes(12).toString("hex"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    API_PORT: String(port),
    API_HOST: "127.0.0.1",
    METRICS_PORT: String(await freePort()),
  });
}, 180_000);

afterAll(async () => {
  await database?.drop();
  if (app) rmSync(path.dirname(app), { recursive: true, force: true });
});

// The image's own HEALTHCHECK command (busybox wget there, wget here), with the image's API_PORT variable.
const healthcheck = () =>
  spawnSync(
    "sh",
    ["-c", healthcheckCommand(readFileSync(path.join(repoRoot, "apps/api/Dockerfile"), "utf8"))],
    { env, timeout: 10_000 },
  );

const migrate = () =>
  execFileSync(process.execPath, ["dist/migrate.mjs"], { cwd: app, env, encoding: "utf8", stdio: "pipe" });

describe("API image bundle", () => {
  it("holds only the bundle: no node_modules, with the migrations beside the entry points", () => {
    expect(existsSync(path.join(app, "node_modules"))).toBe(false);
    for (const file of ["dist/main.mjs", "dist/migrate.mjs", "dist/migrations/0001_init.sql"]) {
      expect(existsSync(path.join(app, file)), file).toBe(true);
    }
  });

  it("bundles no test support: no module of the test-support package, no test file, no test server", () => {
    for (const entry of ["dist/main.mjs.map", "dist/migrate.mjs.map"]) {
      const { sources } = JSON.parse(readFileSync(path.join(app, entry), "utf8")) as { sources: string[] };
      // The map lists every module the entry point bundled; a sane bundle has hundreds.
      expect(sources.length, entry).toBeGreaterThan(10);
      expect(
        sources.filter((source) => /test-support|\.test\.tsx?$|oauth2-mock-server/.test(source)),
        entry,
      ).toEqual([]);
    }
  });

  it("applies the migrations with `node dist/migrate.mjs`, and again finds nothing to do", async () => {
    expect(migrate()).toMatch(/applied 0001_init/);
    expect(migrate()).toMatch(/up to date/);
    const client = await openDatabase(database.config);
    try {
      const rows = await client.query<{ version: string }>("select version from schema_migrations");
      expect(rows.map((row) => row.version)).toContain("0001_init");
    } finally {
      await client.close();
    }
  });

  it("refuses to migrate without a database in production, saying which variable is missing", () => {
    const { POSTGRES_HOST: _host, ...withoutHost } = env;
    expect(() =>
      execFileSync(process.execPath, ["dist/migrate.mjs"], { cwd: app, env: withoutHost, stdio: "pipe" }),
    ).toThrow(/POSTGRES_HOST/);
  });

  it("starts with `node dist/main.mjs`, answers liveness and readiness, and stops cleanly on SIGTERM", async () => {
    const server = start(app, ["dist/main.mjs"], env);
    try {
      const liveness = await waitForUrl(`http://127.0.0.1:${port}/api/health/liveness`, server);
      expect(liveness.status).toBe(200);
      expect(await liveness.json()).toMatchObject({ status: "ok" });
      const readiness = await fetch(`http://127.0.0.1:${port}/api/health/readiness`);
      expect(readiness.status).toBe(200);
      expect(healthcheck().status).toBe(0);
      // Production without API_DOCS: no route map for visitors.
      expect((await fetch(`http://127.0.0.1:${port}/api/docs/json`)).status).toBe(404);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(healthcheck().status).not.toBe(0);
    expect(server.output()).not.toContain(env.ENCRYPTION_KEY);
  });

  it("serves the docs UI from the bundle's own swagger-ui assets with API_DOCS=on (as .env.example sets)", async () => {
    const server = start(app, ["dist/main.mjs"], { ...env, API_DOCS: "on" });
    try {
      await waitForUrl(`http://127.0.0.1:${port}/api/health/liveness`, server);
      const page = await fetch(`http://127.0.0.1:${port}/api/docs/`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      const css = await fetch(`http://127.0.0.1:${port}/api/docs/static/swagger-ui.css`);
      expect(css.status).toBe(200);
      expect((await css.text()).length).toBeGreaterThan(1000);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
