import type { ChildProcess } from "node:child_process";
import { constants, createWriteStream, unlinkSync } from "node:fs";
import { access, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import {
  backupName,
  formatBytes,
  parseRetentionDays,
  pruneBackups,
  verifyBackupFile,
} from "../lib/backup-files";
import { type DbTarget, resolveTarget, UsageError } from "../lib/db-target";
import { CommandError, exited, isMain, runMain, start } from "../lib/db-target-exec";
import { verifyRestore } from "./verify-backup";

// Options that let the manual's `gunzip -c … | psql -d parametric` restore over an existing
// database: drop what exists first, and carry no role names the target may lack.
export const DUMP_OPTIONS = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--format=plain"];

const PROGRESS_STEP = 16 * 1024 * 1024;

const progress = (): Transform => {
  let bytes = 0;
  let next = PROGRESS_STEP;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes >= next) {
        console.log(`  ${formatBytes(bytes)} of SQL dumped...`);
        next += PROGRESS_STEP;
      }
      callback(null, chunk);
    },
  });
};

const syncPath = async (target: string): Promise<void> => {
  const handle = await open(target, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** Dumps into `<final>.partial`, fsyncs, verifies, then renames: only complete dumps get the real name. */
export const dumpTo = async (target: DbTarget, finalPath: string): Promise<number> => {
  const partial = `${finalPath}.partial`;
  // Signals must not leave a half-written file behind; SIGKILL leaves only a `.partial`.
  let child: ChildProcess | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    child?.kill("SIGTERM");
    try {
      unlinkSync(partial);
    } catch {}
    console.error(`backup-db: interrupted by ${signal}; no backup was written.`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const command = target.command("pg_dump", [...DUMP_OPTIONS, "-d", target.database], false);
    child = start(command);
    const errors: Buffer[] = [];
    child.stderr?.on("data", (chunk: Buffer) => errors.push(chunk));
    const done = exited(child, command.file);
    const file = createWriteStream(partial, { flags: "wx", mode: 0o600 });
    const written = pipeline(child.stdout!, progress(), createGzip(), file);
    const [code] = await Promise.all([done, written]);
    if (code !== 0) {
      throw new CommandError(
        `pg_dump failed (exit ${code}): ${Buffer.concat(errors).toString("utf8").trim() || "no error output"}`,
      );
    }
    // fsync applies to the file, whichever descriptor asks: the data is on disk before the rename.
    await syncPath(partial);
    const { sqlBytes } = await verifyBackupFile(partial);
    await rename(partial, finalPath);
    await syncPath(path.dirname(finalPath));
    return sqlBytes;
  } catch (error) {
    await unlink(partial).catch(() => {});
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
};

/** Creates BACKUP_DIR and proves it is writable before pg_dump starts, naming the variable if not. */
const prepareBackupDir = async (dir: string): Promise<void> => {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(
      `BACKUP_DIR=${dir} cannot be used (${reason}): point BACKUP_DIR at a writable folder, or run as a user who can write there.`,
    );
  }
};

export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const unknown = argv.filter((arg) => arg !== "--verify");
  if (unknown.length > 0) {
    throw new UsageError(`Unknown argument ${unknown[0]}. usage: mise run backup-db [--verify]`);
  }
  const dir = path.resolve(env.BACKUP_DIR ?? "/opt/backups/postgres");
  const retentionDays = parseRetentionDays(env.RETENTION_DAYS);
  const target = resolveTarget(env);
  await prepareBackupDir(dir);
  const finalPath = path.join(dir, backupName(target.database, new Date()));
  if (await stat(finalPath).catch(() => undefined)) {
    throw new UsageError(`${finalPath} already exists; wait a second and run again.`);
  }
  console.log(`Backing up ${target.description} to ${finalPath}...`);
  const sqlBytes = await dumpTo(target, finalPath);
  const { size } = await stat(finalPath);
  console.log(`Backup verified: ${finalPath} (${formatBytes(size)}, ${formatBytes(sqlBytes)} of SQL).`);
  // Only now that a good new backup exists may old ones go.
  for (const file of await pruneBackups(dir, target.database, retentionDays)) {
    console.log(`Deleted backup older than ${retentionDays} days: ${file}`);
  }
  if (argv.includes("--verify")) return (await verifyRestore(target, finalPath)) ? 0 : 1;
  return 0;
};

if (isMain(import.meta.url)) runMain(() => main(process.argv.slice(2), process.env));
