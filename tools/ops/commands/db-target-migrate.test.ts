// Manual §0.1 `pnpm exec nx run @parametric-portal/api:migrate`, exactly, through Nx, against the
// test PostgreSQL with the §3.1 POSTGRES_* variables pointing at a scratch database.
import { readdirSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { createTestDatabase, type PostgresConfig } from "@parametric-portal/test-support/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runShell } from "../test-kit/backup-test-kit";

const MIGRATE = "pnpm exec nx run @parametric-portal/api:migrate";
const MIGRATIONS = readdirSync(path.join(REPO_ROOT, "packages/database/migrations"))
  .filter((name) => name.endsWith(".sql"))
  .map((name) => name.replace(/\.sql$/, ""))
  .sort();

let scratch: { config: PostgresConfig; drop: () => Promise<void> };
beforeAll(async () => {
  scratch = await createTestDatabase("nxmigrate");
});
afterAll(async () => {
  await scratch.drop();
});

const env = (overrides: Record<string, string> = {}) => ({
  NX_DAEMON: "false",
  NX_NO_CLOUD: "true",
  NX_TUI: "false",
  POSTGRES_HOST: scratch.config.host,
  POSTGRES_PORT: String(scratch.config.port),
  POSTGRES_DB: scratch.config.database,
  POSTGRES_USER: scratch.config.user,
  // Trust auth ignores it; set as §0.1's container does.
  POSTGRES_PASSWORD: "dev",
  POSTGRES_SSL: "false",
  ...overrides,
});

describe("manual §0.1 migrations through nx", () => {
  it("applies every migration once, records it in schema_migrations, and is a no-op the second time", async () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    const first = await runShell(MIGRATE, [], env());
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`/${scratch.config.database}: applied ${MIGRATIONS.join(", ")}.`);
    const db = await openDatabase(scratch.config);
    try {
      const rows = await db.query<{ version: string }>(
        "select version from schema_migrations order by version",
      );
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS);
      expect(await db.query("select to_regclass('public.users') as t")).toEqual([{ t: "users" }]);
    } finally {
      await db.close();
    }
    const second = await runShell(MIGRATE, [], env());
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`up to date (${MIGRATIONS.length} migrations).`);
  });

  it("names a malformed POSTGRES_PORT and exits non-zero", async () => {
    const result = await runShell(MIGRATE, [], env({ POSTGRES_PORT: "abc" }));
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/POSTGRES_PORT="abc" is not a port; use a whole number/);
  });
});
