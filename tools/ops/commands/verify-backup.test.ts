import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runTask, type Seeded, seededDatabase, serverEnv } from "../test-kit/backup-test-kit";

let seeded: Seeded;
let dir: string;
let file: string;
beforeEach(async () => {
  seeded = await seededDatabase("verify");
  dir = await mkdtemp(path.join(tmpdir(), "pp-backups-"));
  const backup = await runTask("backup-db", ["--verify"], serverEnv(seeded.config, dir));
  // backup-db --verify restores the new file into a scratch database and compares counts.
  expect(backup.stdout).toContain("restores cleanly and matches the live row counts");
  expect(backup.code).toBe(0);
  file = path.join(dir, (await readdir(dir))[0] ?? "");
});
afterEach(async () => {
  await seeded.close();
});

const scratchDatabases = async (): Promise<string[]> =>
  (
    await seeded.db.query<{ datname: string }>("select datname from pg_database where datname like $1", [
      `${seeded.config.database}_verify_%`,
    ])
  ).map((row) => row.datname);

describe("verify-backup", () => {
  it("restores the newest backup into a scratch database, matches every table's rows, and drops it", async () => {
    const older = path.join(dir, `${seeded.config.database}_20000101_000000.sql.gz`);
    await writeFile(older, "not even gzip");
    const result = await runTask("verify-backup", [], serverEnv(seeded.config, dir));
    expect(result.code).toBe(0);
    for (const [table, rows] of Object.entries({
      users: 1200,
      oauth_accounts: 1200,
      sessions: 2400,
      api_keys: 600,
      assets: 1800,
    })) {
      expect(result.stdout).toContain(`public.${table}: ${rows} rows`);
    }
    expect(await scratchDatabases()).toEqual([]);
  });

  it("catches a corrupted backup", async () => {
    const bytes = await readFile(file);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < middle + 64; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const result = await runTask("verify-backup", [], serverEnv(seeded.config, dir));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not a valid gzip file/);
    expect(await scratchDatabases()).toEqual([]);
  });

  it("catches a backup cut short", async () => {
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 100));
    const result = await runTask("verify-backup", [file], serverEnv(seeded.config, dir));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a valid gzip file: unexpected end of file/);
  });

  it("catches a complete-looking backup that lost rows, and still drops the scratch database", async () => {
    // Remove the last data row of the assets COPY block: valid gzip, valid SQL, trailer intact.
    const lines = gunzipSync(await readFile(file))
      .toString("utf8")
      .split("\n");
    const copy = lines.findIndex((line) => line.startsWith("COPY public.assets "));
    const end = lines.indexOf("\\.", copy);
    expect(end).toBeGreaterThan(copy + 1);
    lines.splice(end - 1, 1);
    await writeFile(file, gzipSync(lines.join("\n")));
    const result = await runTask("verify-backup", [file], serverEnv(seeded.config, dir));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("public.assets: backup has 1799 rows, live has 1800");
    expect(await scratchDatabases()).toEqual([]);
  });

  it("says what to do when there is no backup yet", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "pp-backups-"));
    const result = await runTask("verify-backup", [], serverEnv(seeded.config, empty));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /No .*_YYYYMMDD_HHMMSS\.sql\.gz backups in .*; run mise run backup-db first/,
    );
    expect(execFileSync("ls", [empty], { encoding: "utf8" })).toBe("");
  });
});
