import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@parametric-portal/test-support/database";
import { afterEach, describe, expect, it } from "vitest";

// The migrator as operators start it (`tsx src/migrate.ts` is what the nx target runs).
const MIGRATE = path.join(import.meta.dirname, "migrate.ts");

const runMigrate = (env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MIGRATE], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });

let scratch: string | undefined;
afterEach(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe("migrate", () => {
  it("creates DATA_DIR with its parents and says it is migrating the embedded database before applying", async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "pp-migrate-"));
    const dataDir = path.join(scratch, "not", "yet", "there");
    const result = await runMigrate({ DATA_DIR: dataDir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [announce, outcome] = result.stdout.trim().split("\n");
    expect(announce).toBe(
      `Migrating the embedded PGlite database in ${path.join(dataDir, "pglite")} (POSTGRES_HOST is not set).`,
    );
    expect(outcome).toMatch(/: applied 0001_init, /);
    expect(existsSync(path.join(dataDir, "pglite", "PG_VERSION"))).toBe(true);
  });

  it("refuses the embedded database when NODE_ENV=production, in one sentence, touching nothing", async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "pp-migrate-"));
    const result = await runMigrate({ NODE_ENV: "production", DATA_DIR: scratch });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe(
      "Migration failed: POSTGRES_HOST is required when NODE_ENV=production: refusing to migrate the embedded database, set POSTGRES_HOST (with POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD) to the server you mean to migrate.",
    );
    expect(await readdir(scratch)).toEqual([]);
  });

  it("names the server's host, port and database before applying, never its password", async () => {
    const { config, drop } = await createTestDatabase("migratecli");
    const password = `pw-${randomBytes(12).toString("hex")}`;
    try {
      const result = await runMigrate({
        POSTGRES_HOST: config.host,
        POSTGRES_PORT: String(config.port),
        POSTGRES_DB: config.database,
        POSTGRES_USER: config.user,
        // The test server trusts local connections, so any password is accepted and must stay hidden.
        POSTGRES_PASSWORD: password,
      });
      expect(result.code).toBe(0);
      const [announce, outcome] = result.stdout.trim().split("\n");
      expect(announce).toBe(
        `Migrating the PostgreSQL server postgres://${config.user}@${config.host}:${config.port}/${config.database}.`,
      );
      expect(outcome).toMatch(/: applied 0001_init, /);
      expect(result.stdout + result.stderr).not.toContain(password);
    } finally {
      await drop();
    }
  });
});
