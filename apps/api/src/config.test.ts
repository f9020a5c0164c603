import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadMigratorConfig } from "./config";

const key = () => randomBytes(32).toString("base64");
const production = () => ({
  NODE_ENV: "production",
  POSTGRES_HOST: "db.internal",
  POSTGRES_PASSWORD: randomBytes(8).toString("hex"),
  ENCRYPTION_KEY: key(),
});

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("loadConfig", () => {
  it("runs with nothing set: embedded PGlite, port 4000, development sign-in", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database.kind).toBe("pglite");
    expect(config.devSignIn).toBe(true);
    expect(config.corsOrigins).toEqual(["http://localhost:3001"]);
    expect(config.encryptionKey).toBeUndefined();
  });

  it("reads the manual's variables", () => {
    const env = {
      ...production(),
      POSTGRES_PORT: "6543",
      POSTGRES_DB: "icons",
      POSTGRES_USER: "app",
      POSTGRES_SSL: "true",
      API_PORT: "4100",
      API_BASE_URL: "https://api.example.com/",
    };
    const config = loadConfig(env);
    expect(config.database).toMatchObject({
      kind: "postgres",
      host: "db.internal",
      port: 6543,
      database: "icons",
      user: "app",
      ssl: true,
    });
    expect(config.port).toBe(4100);
    expect(config.baseUrl).toBe("https://api.example.com");
    expect(config.encryptionKey?.length).toBe(32);
    expect(config.devSignIn).toBe(false);
  });

  it.each([
    [{ API_PORT: "http" }, /API_PORT="http" is not a port/],
    [{ API_PORT: "70000" }, /API_PORT="70000" is not a port/],
    [{ POSTGRES_HOST: "db", POSTGRES_PORT: "-1" }, /POSTGRES_PORT="-1" is not a port/],
    [{ POSTGRES_HOST: "db", POSTGRES_SSL: "maybe" }, /POSTGRES_SSL="maybe" must be true or false/],
    [{ NODE_ENV: "staging" }, /NODE_ENV="staging" is not valid; use one of: development, production, test/],
    [{ API_BASE_URL: "localhost:4000" }, /API_BASE_URL="localhost:4000" is not an http\(s\) URL/],
    [{ ENCRYPTION_KEY: "not base64!" }, /ENCRYPTION_KEY is not valid base64/],
    [
      { ENCRYPTION_KEY: randomBytes(16).toString("base64") },
      /ENCRYPTION_KEY decodes to 16 bytes; it must be exactly 32 bytes/,
    ],
    [{ CORS_ORIGINS: "*" }, /CORS_ORIGINS must list origins/],
    [
      { CORS_ORIGINS: "https://ok.example.com,/relative" },
      /CORS_ORIGINS entry "\/relative" is not an origin/,
    ],
    [{ OAUTH_GITHUB_CLIENT_ID: "abc" }, /OAUTH_GITHUB_CLIENT_SECRET is missing/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL="loud" is not valid/],
    [{ TRUST_PROXY: "yes please" }, /TRUST_PROXY="yes please" must be the number of proxies/],
    [{ API_DOCS: "true" }, /API_DOCS="true" must be on or off: on serves .* at \/api\/docs, off answers 404/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    const problems = problemsOf(env);
    expect(problems.join("\n")).toMatch(message);
  });

  it("trusts one proxy hop in production, none in development, and takes a count", () => {
    expect(loadConfig(production()).trustProxy).toBe(1);
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(1);
  });

  it("keeps sessions 30 s by default, SESSION_CACHE_SECONDS=0 turns the cache off, and a bad value says how to fix it", () => {
    expect(loadConfig({}).sessionCacheMs).toBe(30_000);
    expect(loadConfig({ SESSION_CACHE_SECONDS: "5" }).sessionCacheMs).toBe(5_000);
    expect(loadConfig({ SESSION_CACHE_SECONDS: "0" }).sessionCacheMs).toBe(0);
    for (const bad of ["-1", "1.5", "soon"]) {
      expect(() => loadConfig({ SESSION_CACHE_SECONDS: bad })).toThrow(
        `SESSION_CACHE_SECONDS="${bad}" must be a whole number (0 or more), e.g. 30.`,
      );
    }
  });

  it("serves /api/docs by default outside production only, and API_DOCS overrides either way", () => {
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).apiDocs).toBe(true);
    expect(loadConfig(production()).apiDocs).toBe(false);
    expect(loadConfig({ ...production(), API_DOCS: "on" }).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: "off" }).apiDocs).toBe(false);
  });

  it("never echoes a secret it rejects", () => {
    const secret = randomBytes(20).toString("base64");
    expect(problemsOf({ ENCRYPTION_KEY: secret }).join("\n")).not.toContain(secret);
  });

  it("requires a database server, a password and ENCRYPTION_KEY in production, and forbids the dev sign-in", () => {
    const problems = problemsOf({ NODE_ENV: "production", DEV_SIGN_IN: "true" }).join("\n");
    expect(problems).toMatch(/POSTGRES_HOST is required when NODE_ENV=production/);
    expect(problems).toMatch(/ENCRYPTION_KEY is required when NODE_ENV=production/);
    expect(problems).toMatch(/DEV_SIGN_IN cannot be enabled when NODE_ENV=production/);
    const withHost = problemsOf({ NODE_ENV: "production", POSTGRES_HOST: "db", ENCRYPTION_KEY: key() }).join(
      "\n",
    );
    expect(withHost).toMatch(/POSTGRES_PASSWORD is required/);
  });

  it("loads only database variables for the migrator", () => {
    expect(
      loadMigratorConfig({ POSTGRES_HOST: "db", POSTGRES_DB: "x", MIGRATIONS_DIR: "/m" }).migrationsDir,
    ).toBe("/m");
    expect(loadMigratorConfig({ POSTGRES_HOST: "db", POSTGRES_DB: "x" }).database).toMatchObject({
      kind: "postgres",
      database: "x",
    });
    expect(() => loadMigratorConfig({ NODE_ENV: "production" })).toThrow(/POSTGRES_HOST is required/);
  });
});

describe("the API process", () => {
  const main = path.join(import.meta.dirname, "main.ts");
  it.each([
    [{ API_PORT: "abc" }, /API_PORT="abc" is not a port/],
    [
      { NODE_ENV: "production", POSTGRES_HOST: "db", POSTGRES_PASSWORD: "x", ENCRYPTION_KEY: "c2hvcnQ=" },
      /ENCRYPTION_KEY decodes to 5 bytes/,
    ],
  ])("exits non-zero with a clear message for %o", (env, message) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", main], {
      env: { PATH: process.env.PATH, METRICS_PORT: "off", ...env },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/The API did not start/);
  });
});
