// Shared by the backup tests: a migrated, seeded scratch database on the local test server, table
// checksums, and running mise tasks through the real `mise run` (the `@jdxcode/mise` devDependency).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Database, openDatabase } from "@parametric-portal/database/client";
import { migrate } from "@parametric-portal/database/migrate";
import {
  createTestDatabase,
  type PostgresConfig,
  testServer,
} from "@parametric-portal/test-support/database";
import { parse } from "smol-toml";
import { afterAll } from "vitest";
import { CHILD_DEADLINE_MS, killAfter } from "./deadline";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const TABLES = ["users", "oauth_accounts", "sessions", "api_keys", "assets"] as const;

export interface Seeded {
  readonly config: PostgresConfig;
  /** Replace it after closing it (e.g. around a drop and restore); `close` closes whichever is current. */
  db: Database;
  close(): Promise<void>;
}

/** A fresh database with the project's migrations and a few thousand rows in every table. */
export const seededDatabase = async (label: string): Promise<Seeded> => {
  const { config, drop } = await createTestDatabase(label);
  const db = await openDatabase(config);
  await migrate(db);
  // Awkward values on purpose: quotes, backslashes, newlines, tabs, non-ASCII, NULLs, bytea, jsonb.
  await db.exec(`
    insert into users (email, email_verified, name, avatar_url)
      select 'user' || g || '@example.com', g % 2 = 0,
             case when g % 7 = 0 then null else E'Ada O''Brien \\\\ line\\nbreak\\t' || g || ' — Łódź ✓' end,
             'https://avatars.example.com/' || g
      from generate_series(1, 1200) g;
    insert into oauth_accounts (user_id, provider, provider_account_id, email)
      select id, (array['github','google','microsoft'])[1 + (row_number() over (order by id))::int % 3],
             'acct-' || md5(id::text), email from users;
    insert into sessions (user_id, token_hash, expires_at, absolute_expires_at, user_agent, ip)
      select u.id, sha256((u.id::text || s)::bytea), now() + interval '1 day', now() + interval '30 days',
             'Mozilla/5.0 "quoted"', '192.0.2.' || s
      from users u, generate_series(1, 2) s;
    insert into api_keys (user_id, provider, name, ciphertext, key_version, hint)
      select id, 'anthropic', 'key ' || left(id::text, 8), decode(md5(id::text) || md5(email), 'hex'), 1, 'sk-…' || right(id::text, 4)
      from users where email_verified;
    insert into assets (user_id, prompt, intent, color_mode, engine, variants)
      select u.id, 'icon of a ' || g || E' \\'quoted\\' cat', 'create', case when u.email_verified then 'dark' else 'light' end, 'claude',
             jsonb_build_array(jsonb_build_object('index', 0, 'svg', '<svg viewBox="0 0 24 24"><path d="M0 0"/></svg>', 'score', g))
      from users u, generate_series(1, 1) g;
    insert into assets (user_id, parent_id, prompt, intent, color_mode, engine, variants)
      select user_id, id, 'refined ' || prompt, 'refine', color_mode, engine, variants from assets where color_mode = 'dark';
  `);
  const seeded: Seeded = {
    config,
    db,
    close: async () => {
      await seeded.db.close().catch(() => {});
      await drop();
    },
  };
  return seeded;
};

/** md5 of every row of `table` in id order: equal checksums mean equal content. */
export const checksums = async (db: Database): Promise<Record<string, { rows: number; md5: string }>> => {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const table of [...TABLES, "schema_migrations"]) {
    const order = table === "schema_migrations" ? "t.version" : "t.id";
    const [row] = await db.query<{ rows: string; md5: string }>(
      `select count(*) as rows, md5(coalesce(string_agg(t::text, E'\\n' order by ${order}), '')) as md5 from ${table} t`,
    );
    result[table] = { rows: Number(row?.rows), md5: row?.md5 ?? "" };
  }
  return result;
};

/**
 * libpq's variables for the test server, for psql/pg_dump run directly or inside stand-ins: CI
 * reaches PostgreSQL by a service name (TEST_POSTGRES_HOST), not always 127.0.0.1.
 */
export const PG_CLIENT_ENV: Readonly<Record<string, string | undefined>> = {
  PGHOST: testServer.host,
  PGPORT: String(testServer.port),
  PGUSER: testServer.user,
  PGPASSWORD: testServer.password,
};

/** Runs SQL against the server's maintenance database (create/drop databases). */
export const admin = async (config: PostgresConfig, ...statements: string[]): Promise<void> => {
  const db = await openDatabase({ ...config, database: "postgres" });
  try {
    // One statement per call: CREATE/DROP DATABASE cannot share an implicit transaction.
    for (const sql of statements) await db.exec(sql);
  } finally {
    await db.close();
  }
};

const tasks = parse(readFileSync(path.join(REPO_ROOT, "mise.toml"), "utf8")).tasks as Record<
  string,
  { run: string }
>;

export interface Result {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real mise binary, a root devDependency (`@jdxcode/mise`). */
export const MISE = path.join(REPO_ROOT, "node_modules/.bin/mise");

// mise state lives in a throwaway folder so the operator's own mise config and trust list play no
// part. Node is put on PATH by the toolchain that runs the tests, so mise is told not to manage
// it: with `[tools] node = "24"` it would otherwise try to download Node (no network here).
const miseHome = mkdtempSync(path.join(tmpdir(), "pp-mise-"));
afterAll(() => rmSync(miseHome, { recursive: true, force: true }));
export const MISE_ENV: Readonly<Record<string, string>> = {
  MISE_DATA_DIR: path.join(miseHome, "data"),
  MISE_CACHE_DIR: path.join(miseHome, "cache"),
  MISE_STATE_DIR: path.join(miseHome, "state"),
  MISE_CONFIG_DIR: path.join(miseHome, "config"),
  MISE_TRUSTED_CONFIG_PATHS: REPO_ROOT,
  MISE_OFFLINE: "1",
  MISE_DISABLE_TOOLS: "node",
  // No "[task] $ command" echo: stderr holds only what the task itself printed.
  MISE_QUIET: "1",
};

/** Runs the real `mise run <task> <args…>` from the repo root; `env` overrides the test's environment. */
export const runTask = (
  task: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  input?: string,
): Promise<Result> => {
  if (!tasks[task]) throw new Error(`mise.toml has no [tasks.${task}]`);
  return runShell('exec "$0" run "$@"', [task, ...args], { ...env, ...MISE_ENV }, input, MISE);
};

/** Names of the tasks in mise.toml. */
export const taskNames = (): string[] => Object.keys(tasks);

export const runShell = (
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  input?: string,
  arg0 = "sh",
  deadlineMs = CHILD_DEADLINE_MS,
): Promise<Result> =>
  new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", script, arg0, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdin.end(input ?? "");
    killAfter(child, deadlineMs, `${arg0} ${args.join(" ")}`.trim(), (error) =>
      reject(new Error(`${error.message}\nstderr so far:\n${stderr}`)),
    );
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });

/** A temp folder with executable stand-ins, to put first on PATH. */
export const standIns = async (scripts: Record<string, string>): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), "pp-bin-"));
  for (const [name, body] of Object.entries(scripts)) {
    await writeFile(path.join(dir, name), body);
    await chmod(path.join(dir, name), 0o755);
  }
  return dir;
};

/** Environment for the server target pointing at a test database (trust auth: no password). */
export const serverEnv = (config: PostgresConfig, backupDir: string): Record<string, string | undefined> => ({
  BACKUP_TARGET: "server",
  POSTGRES_HOST: config.host,
  POSTGRES_PORT: String(config.port),
  POSTGRES_USER: config.user,
  POSTGRES_PASSWORD: config.password,
  DB_NAME: config.database,
  BACKUP_DIR: backupDir,
});
