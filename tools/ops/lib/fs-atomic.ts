import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replaces `path` with `data` all at once: writes a temporary file in the same folder (so the rename
 * stays on one filesystem), fsyncs it, then renames it over `path`. Readers, git and a crash in the
 * middle see the old file or the new one, never a short write (a truncated kustomization pushed by
 * the deploy job, a half sealed secret Argo CD would apply). An existing file keeps its permissions;
 * a new one gets `mode` (default 0644). Synchronous, so sync and async callers share this one copy.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): void {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let existingMode: number | undefined;
  try {
    existingMode = statSync(path).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // "wx": never reuse a file someone else put at the temporary name.
  const fd = openSync(temp, "wx", existingMode ?? mode);
  try {
    try {
      // The process umask applies to openSync's mode; the old file's exact mode should survive.
      if (existingMode !== undefined) fchmodSync(fd, existingMode);
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(folder);
}

/** Makes the rename itself durable; some filesystems cannot fsync a folder, and that is no error. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, "r");
    fsyncSync(fd);
  } catch {
    // EISDIR/EINVAL/EPERM on filesystems without folder fsync: the file itself is already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
