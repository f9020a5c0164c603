import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, SqlSession } from "./client";

/** The packaged migrations folder; bundles copy it next to themselves and pass their own path. */
export const defaultMigrationsDir = fileURLToPath(new URL("../migrations/", import.meta.url));

// Any constant works; every migrator of this schema must use the same one.
const MIGRATION_LOCK_KEY = 727_274_001;

export interface Migration {
  readonly version: string;
  readonly sql: string;
  readonly checksum: string;
}

export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

export const loadMigrations = async (dir: string = defaultMigrationsDir): Promise<Migration[]> => {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new MigrationError(`Cannot read the migrations folder ${dir}: ${(error as Error).message}`);
  }
  const files = names.filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  return Promise.all(
    files.map(async (name) => {
      const sql = await readFile(path.join(dir, name), "utf8");
      return {
        version: name.replace(/\.sql$/, ""),
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    }),
  );
};

interface AppliedRow {
  version: string;
  checksum: string;
}

const applyPending = async (session: SqlSession, migrations: readonly Migration[]): Promise<string[]> => {
  await session.exec(`create table if not exists schema_migrations (
    version text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied = new Map(
    (await session.query<AppliedRow>("select version, checksum from schema_migrations")).map((row) => [
      row.version,
      row.checksum,
    ]),
  );
  const known = new Set(migrations.map((m) => m.version));
  for (const version of applied.keys()) {
    if (!known.has(version)) {
      throw new MigrationError(
        `The database has migration ${version}, which this build does not know: it was migrated by a newer version. Deploy that version or restore a matching backup.`,
      );
    }
  }
  const done: string[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.version);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.version} was edited after it was applied. Restore the original file and add a new migration instead.`,
        );
      }
      continue;
    }
    await session.exec("begin");
    try {
      await session.exec(migration.sql);
      await session.query("insert into schema_migrations (version, checksum) values ($1, $2)", [
        migration.version,
        migration.checksum,
      ]);
      await session.exec("commit");
    } catch (error) {
      await session.exec("rollback");
      throw new MigrationError(`Migration ${migration.version} failed: ${(error as Error).message}`);
    }
    done.push(migration.version);
  }
  return done;
};

/**
 * Applies every pending migration in order, each in its own transaction. Safe to start from
 * several processes at once: a session-level advisory lock lets one run while the others wait,
 * and the waiters then find nothing left to do.
 */
export const migrate = async (
  database: Database,
  dir: string = defaultMigrationsDir,
): Promise<{ applied: string[]; total: number }> => {
  const migrations = await loadMigrations(dir);
  const applied = await database.withConnection(async (session) => {
    await session.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(session, migrations);
    } finally {
      await session.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  });
  return { applied, total: migrations.length };
};
