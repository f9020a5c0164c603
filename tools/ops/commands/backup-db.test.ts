import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { within } from "@parametric-portal/test-support/deadline";
import { waitFor } from "@parametric-portal/test-support/processes";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  admin,
  checksums,
  PG_CLIENT_ENV,
  REPO_ROOT,
  runShell,
  runTask,
  type Seeded,
  seededDatabase,
  serverEnv,
  standIns,
} from "../test-kit/backup-test-kit";

const realPgDump = execFileSync("sh", ["-c", "command -v pg_dump"], { encoding: "utf8" }).trim();

let seeded: Seeded;
let dir: string;
beforeEach(async () => {
  seeded = await seededDatabase("backup");
  dir = await mkdtemp(path.join(tmpdir(), "pp-backups-"));
});
afterEach(async () => {
  await seeded.close();
});

const backupFiles = async (): Promise<string[]> =>
  (await readdir(dir)).filter((name) => name.endsWith(".sql.gz"));

describe("backup-db (server target)", () => {
  it("writes one verified dump that the manual's gunzip | psql pipeline restores exactly, even over existing data", async () => {
    const before = await checksums(seeded.db);
    expect(before.users?.rows).toBe(1200);
    expect(before.assets?.rows).toBe(1800);
    const result = await runTask("backup-db", [], serverEnv(seeded.config, dir));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Backup verified: .* \(\d+(\.\d)? KiB, .* of SQL\)/);
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    const name = names[0] ?? "";
    expect(name).toMatch(new RegExp(`^${seeded.config.database}_\\d{8}_\\d{6}\\.sql\\.gz$`));
    const file = path.join(dir, name);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // Drop the database, recreate it empty, and restore the way manual §5.2 does.
    await seeded.db.close();
    const { database } = seeded.config;
    await admin(seeded.config, `drop database "${database}" with (force)`, `create database "${database}"`);
    const restore = (): ReturnType<typeof runShell> =>
      runShell('gunzip -c "$1" | psql -X -d "$2"', [file, database], PG_CLIENT_ENV);
    const first = await restore();
    expect(first.stderr).not.toMatch(/ERROR/);
    expect(first.code).toBe(0);
    seeded.db = await openDatabase(seeded.config);
    expect(await checksums(seeded.db)).toEqual(before);

    // Over a database that has drifted: --clean --if-exists replaces everything.
    await seeded.db.exec(
      "delete from sessions where ip like '%.1'; insert into users (email) values ('late@example.com')",
    );
    expect(await checksums(seeded.db)).not.toEqual(before);
    await seeded.db.close();
    const second = await restore();
    expect(second.stderr).not.toMatch(/ERROR/);
    seeded.db = await openDatabase(seeded.config);
    expect(await checksums(seeded.db)).toEqual(before);
  });

  it("passes the password to pg_dump in its environment, never in argv", async () => {
    const log = path.join(dir, "..", `${path.basename(dir)}-argv.log`);
    const bin = await standIns({
      pg_dump: `#!/bin/sh\nprintf '%s\\n' "argv: $*" "PGPASSWORD=\${PGPASSWORD:-unset}" > "${log}"\nexec "${realPgDump}" "$@"\n`,
    });
    const secret = `pw-${Math.random().toString(36).slice(2)}`;
    const result = await runTask("backup-db", [], {
      ...serverEnv(seeded.config, dir),
      POSTGRES_PASSWORD: secret,
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(result.code).toBe(0);
    const recorded = await readFile(log, "utf8");
    expect(recorded).toContain(`PGPASSWORD=${secret}`);
    expect(recorded.split("\n")[0]).not.toContain(secret);
    expect(recorded).toContain("--clean --if-exists --no-owner --no-privileges");
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it.each([
    ["is killed after some output", `"${realPgDump}" "$@" | head -c 30000\nkill -KILL $$`, /pg_dump failed/],
    ["exits 0 after cutting its output short", `"${realPgDump}" "$@" | head -c 30000\nexit 0`, /incomplete/],
    [
      "cannot connect",
      `echo 'pg_dump: error: connection to server failed' >&2\nexit 1`,
      /connection to server failed/,
    ],
  ])("leaves no backup and exits non-zero when pg_dump %s", async (_what, body, message) => {
    const bin = await standIns({ pg_dump: `#!/bin/sh\n${body}\n` });
    const old = path.join(dir, `${seeded.config.database}_20200101_000000.sql.gz`);
    await writeFile(old, "old backup");
    const longAgo = new Date(Date.now() - 30 * 86_400_000);
    await utimes(old, longAgo, longAgo);
    const result = await runTask("backup-db", [], {
      ...serverEnv(seeded.config, dir),
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    // Nothing new, no partial left, and the expired backup survives because no good one replaced it.
    expect(await readdir(dir)).toEqual([path.basename(old)]);
  });

  it.each([["SIGTERM"], ["SIGKILL"]] as const)(
    "leaves no .sql.gz when the task itself gets %s mid-dump",
    async (signal) => {
      const bin = await standIns({ pg_dump: `#!/bin/sh\n"${realPgDump}" "$@" | head -c 30000\nsleep 30\n` });
      const child = spawn(process.execPath, ["--import", "tsx", "tools/ops/commands/backup-db.ts"], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...serverEnv(seeded.config, dir), PATH: `${bin}:${process.env.PATH}` },
        stdio: "ignore",
        detached: true,
      });
      const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
      // Wait until the dump is under way: the partial file has data in it.
      await waitFor(
        async () => {
          const partial = (await readdir(dir)).find((name) => name.endsWith(".partial"));
          return partial !== undefined && (await stat(path.join(dir, partial))).size > 0;
        },
        "backup-db to write data into its .partial file",
        10_000,
        50,
      );
      expect((await readdir(dir)).some((name) => name.endsWith(".sql.gz.partial"))).toBe(true);
      if (signal === "SIGKILL") process.kill(-(child.pid ?? 0), "SIGKILL");
      else process.kill(child.pid ?? 0, "SIGTERM");
      const code = await within(exited, 10_000, `backup-db to exit after ${signal}`);
      if (signal === "SIGTERM") {
        expect(code).toBe(143);
        expect(await readdir(dir)).toEqual([]);
        process.kill(-(child.pid ?? 0), "SIGKILL");
      }
      expect(await backupFiles()).toEqual([]);
    },
  );

  it("prunes exactly this task's backups older than RETENTION_DAYS, after the new one is verified", async () => {
    const db = seeded.config.database;
    // Whether each file survives is stated here, never derived from its name: the database name
    // is random and may itself contain any digits.
    const files: Record<string, { days: number; kept: boolean }> = {
      [`${db}_20200101_000000.sql.gz`]: { days: 8, kept: false }, // expired
      [`${db}_20200102_000000.sql.gz`]: { days: 9, kept: false }, // expired
      [`${db}_20200103_000000.sql.gz`]: { days: 6, kept: true }, // young
      [`${db}_20200104_000000.sql.gz.partial`]: { days: 30, kept: true }, // not a finished backup
      "other_20200101_000000.sql.gz": { days: 30, kept: true }, // another database
      [`${db}_latest.sql.gz`]: { days: 30, kept: true }, // hand-made name
      [`${db}x_20200101_000000.sql.gz`]: { days: 30, kept: true }, // a different prefix
      "notes.txt": { days: 30, kept: true },
    };
    for (const [name, { days }] of Object.entries(files)) {
      const file = path.join(dir, name);
      await writeFile(file, "x");
      const at = new Date(Date.now() - days * 86_400_000);
      await utimes(file, at, at);
    }
    await mkdir(path.join(dir, `${db}_20200105_000000.sql.gz`));
    const result = await runTask("backup-db", [], { ...serverEnv(seeded.config, dir), RETENTION_DAYS: "7" });
    expect(result.code).toBe(0);
    const left = new Set(await readdir(dir));
    const entries = Object.entries(files);
    for (const [name, { kept }] of entries)
      expect({ name, left: left.has(name) }).toEqual({ name, left: kept });
    const kept = entries.filter(([, file]) => file.kept);
    expect(left.size).toBe(kept.length + 2); // + the directory + the new backup
    expect(result.stdout.match(/Deleted backup older than 7 days/g)).toHaveLength(2);
  });

  it.each([
    [{ RETENTION_DAYS: "a week" }, /RETENTION_DAYS="a week" must be a whole number/],
    [{ BACKUP_TARGET: "ftp" }, /BACKUP_TARGET="ftp" is not known: use docker, kubernetes or server/],
    [{ DB_NAME: "x; rm -rf /" }, /DB_NAME="x; rm -rf \/" is not a plain PostgreSQL name/],
  ])("rejects bad configuration %o with a clear message", async (bad, message) => {
    const result = await runTask("backup-db", [], { ...serverEnv(seeded.config, dir), ...bad });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(dir) ? await readdir(dir) : []).toEqual([]);
  });
});
