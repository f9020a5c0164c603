import { randomBytes } from "node:crypto";
import { listBackups, verifyBackupFile } from "../lib/backup-files";
import { type DbTarget, resolveTarget, UsageError } from "../lib/db-target";
import { isMain, runMain, runOk } from "../lib/db-target-exec";
import { restoreInto } from "./restore-db";

// Exact row counts of every user table, one `schema.table|count` line each, in one round trip.
const COUNT_ROWS = `select table_schema || '.' || table_name, (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', table_schema, table_name), false, true, '')))[1]::text
from information_schema.tables
where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
order by 1`;

const psql = (target: DbTarget, database: string, sql: string) =>
  target.command("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql], false);

export const rowCounts = async (target: DbTarget, database: string): Promise<Map<string, number>> => {
  const out = await runOk(psql(target, database, COUNT_ROWS), `Counting rows in ${database}`);
  const counts = new Map<string, number>();
  for (const line of out.split("\n")) {
    const [table, count] = line.split("|");
    if (table && count !== undefined) counts.set(table, Number(count));
  }
  return counts;
};

/** Differences between the live and restored counts, as readable lines; empty when they agree. */
export const compareCounts = (live: Map<string, number>, restored: Map<string, number>): string[] => {
  const problems: string[] = [];
  for (const [table, count] of live) {
    const got = restored.get(table);
    if (got === undefined) problems.push(`${table}: missing from the backup (live has ${count} rows)`);
    else if (got !== count) problems.push(`${table}: backup has ${got} rows, live has ${count}`);
  }
  for (const table of restored.keys()) {
    if (!live.has(table)) problems.push(`${table}: in the backup but not in the live database`);
  }
  return problems;
};

/** Restores `file` into a scratch database next to the live one, compares row counts, drops it. */
export const verifyRestore = async (target: DbTarget, file: string): Promise<boolean> => {
  await verifyBackupFile(file);
  const scratch = `${target.database}_verify_${randomBytes(4).toString("hex")}`;
  console.log(`Restoring ${file} into scratch database ${scratch}...`);
  await runOk(psql(target, "postgres", `create database "${scratch}"`), "Creating the scratch database");
  try {
    await restoreInto(target, file, scratch);
    const [restored, live] = [await rowCounts(target, scratch), await rowCounts(target, target.database)];
    const problems = compareCounts(live, restored);
    for (const [table, count] of restored) console.log(`  ${table}: ${count} rows`);
    if (problems.length > 0) {
      console.error(`Backup ${file} does not match the live database:`);
      for (const problem of problems) console.error(`  ${problem}`);
      console.error("(Writes made after the backup was taken also show up here.)");
      return false;
    }
    console.log(`Backup ${file} restores cleanly and matches the live row counts.`);
    return true;
  } finally {
    await runOk(
      psql(target, "postgres", `drop database if exists "${scratch}" with (force)`),
      "Dropping the scratch database",
    );
  }
};

export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const usage = "usage: mise run verify-backup [FILE]   (default: the newest backup in BACKUP_DIR)";
  if (argv[0]?.startsWith("-")) throw new UsageError(`Unknown argument ${argv[0]}. ${usage}`);
  if (argv.length > 1) throw new UsageError(`Expected at most one FILE, got ${argv.length}. ${usage}`);
  const target = resolveTarget(env);
  const dir = env.BACKUP_DIR ?? "/opt/backups/postgres";
  const file = argv[0] ?? (await listBackups(dir, target.database)).at(-1);
  if (file === undefined) {
    throw new UsageError(
      `No ${target.database}_YYYYMMDD_HHMMSS.sql.gz backups in ${dir}; run mise run backup-db first.`,
    );
  }
  return (await verifyRestore(target, file)) ? 0 : 1;
};

if (isMain(import.meta.url)) runMain(() => main(process.argv.slice(2), process.env));
