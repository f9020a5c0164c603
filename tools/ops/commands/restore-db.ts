import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { verifyBackupFile } from "../lib/backup-files";
import { type DbTarget, resolveTarget, UsageError } from "../lib/db-target";
import { isMain, runMain, runOk } from "../lib/db-target-exec";

/**
 * Run first, in the restore's own transaction: every schema goes (tables, views, sequences,
 * functions and types the dump does not know included), then `public` comes back as a new
 * database has it (pg_dump never recreates it). So the result equals the dump exactly, and a
 * failing restore rolls this back too.
 */
export const EMPTY_DATABASE_SQL = `do $$
declare schema_name text;
begin
  for schema_name in
    select nspname from pg_namespace
    where nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and nspname not like 'pg\\_temp\\_%' and nspname not like 'pg\\_toast\\_temp\\_%'
  loop
    execute format('drop schema %I cascade', schema_name);
  end loop;
end $$;
create schema public authorization pg_database_owner;
comment on schema public is 'standard public schema';
grant usage on schema public to public;
`;

async function* emptyThenDump(file: string): AsyncGenerator<Buffer | string> {
  yield EMPTY_DATABASE_SQL;
  yield* createReadStream(file).pipe(createGunzip());
}

/**
 * Feeds a gzipped plain-SQL dump to psql where the database lives, after emptying the database.
 * One transaction and ON_ERROR_STOP: a restore that fails half-way leaves the database as it was.
 */
export const restoreInto = async (target: DbTarget, file: string, database: string): Promise<void> => {
  const sql = Readable.from(emptyThenDump(file));
  await runOk(
    target.command(
      "psql",
      ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-d", database],
      true,
    ),
    `Restoring ${file} into ${database}`,
    sql,
  );
};

const USAGE = "usage: mise run restore-db FILE [--yes]   (FILE is a .sql.gz made by backup-db)";

const confirm = async (database: string, description: string): Promise<boolean> => {
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `Refusing to overwrite ${description} without confirmation: pass --yes, or run on a terminal and type the database name.`,
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(
      `This replaces everything in ${description} with the backup (tables not in it are dropped). Type the database name (${database}) to continue: `,
    );
    return answer.trim() === database;
  } finally {
    prompt.close();
  }
};

export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const yes = argv.includes("--yes");
  const files = argv.filter((arg) => arg !== "--yes");
  const file = files[0];
  const flag = files.find((arg) => arg.startsWith("-"));
  if (flag) throw new UsageError(`Unknown argument ${flag}. ${USAGE}`);
  if (files.length !== 1 || file === undefined) throw new UsageError(USAGE);
  if (!existsSync(file)) {
    throw new UsageError(
      `${file} does not exist: list the backups with ls -la ${env.BACKUP_DIR ?? "/opt/backups/postgres"}/`,
    );
  }
  const target = resolveTarget(env);
  // A corrupt or cut-short file is refused before anything is touched.
  const { sqlBytes } = await verifyBackupFile(file);
  if (!yes && !(await confirm(target.database, target.description))) {
    console.error("Not confirmed; nothing was changed.");
    return 1;
  }
  console.log(`Restoring ${file} (${sqlBytes} bytes of SQL) into ${target.description}...`);
  await restoreInto(target, file, target.database);
  console.log("Restore complete.");
  return 0;
};

if (isMain(import.meta.url)) runMain(() => main(process.argv.slice(2), process.env));
