import { createReadStream } from "node:fs";
import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

/** The last lines pg_dump writes; a dump without them was cut short. */
export const DUMP_TRAILER = "-- PostgreSQL database dump complete";

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `YYYYMMDD_HHMMSS` in UTC, so names sort in time order whatever the server's zone. */
export const timestamp = (at: Date): string =>
  `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}_${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;

export const backupName = (database: string, at: Date): string => `${database}_${timestamp(at)}.sql.gz`;

/** Exactly this task's finished files: never partials, other databases or hand-made copies. */
export const backupPattern = (database: string): RegExp =>
  new RegExp(`^${database}_\\d{8}_\\d{6}\\.sql\\.gz$`);

export class BackupFileError extends Error {
  override readonly name = "BackupFileError";
}

/**
 * Reads the whole file through gunzip (which checks the CRC and length) and checks that the
 * SQL ends with pg_dump's completion trailer. Returns the uncompressed size.
 */
export const verifyBackupFile = async (file: string): Promise<{ sqlBytes: number }> => {
  let tail = "";
  let sqlBytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sqlBytes += chunk.length;
      tail = (tail + chunk.toString("latin1")).slice(-4096);
      callback();
    },
  });
  try {
    await pipeline(createReadStream(file), createGunzip(), sink);
  } catch (error) {
    throw new BackupFileError(`${file} is not a valid gzip file: ${(error as Error).message}`);
  }
  if (!tail.includes(DUMP_TRAILER)) {
    throw new BackupFileError(
      `${file} is incomplete: the SQL does not end with pg_dump's "${DUMP_TRAILER}" trailer, so the dump was cut short.`,
    );
  }
  return { sqlBytes };
};

/** This task's backups in `dir`, oldest first by name (names carry the UTC time). */
export const listBackups = async (dir: string, database: string): Promise<string[]> => {
  const pattern = backupPattern(database);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new BackupFileError(
      `Cannot read BACKUP_DIR=${dir} (${reason}): set BACKUP_DIR to the folder backup-db writes to (default /opt/backups/postgres).`,
    );
  }
  return names
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.join(dir, name));
};

/** Deletes this task's backups last modified more than `retentionDays` ago; returns what it deleted. */
export const pruneBackups = async (
  dir: string,
  database: string,
  retentionDays: number,
  now: Date = new Date(),
): Promise<string[]> => {
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const deleted: string[] = [];
  for (const file of await listBackups(dir, database)) {
    const info = await stat(file);
    if (info.isFile() && info.mtimeMs < cutoff) {
      await unlink(file);
      deleted.push(file);
    }
  }
  return deleted;
};

export const formatBytes = (bytes: number): string => {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
};

export const parseRetentionDays = (raw: string | undefined): number => {
  const value = raw ?? "7";
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new BackupFileError(
      `RETENTION_DAYS=${JSON.stringify(value)} must be a whole number of days, at least 1 (e.g. 7).`,
    );
  }
  return Number(value);
};
