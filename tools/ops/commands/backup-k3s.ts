import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, copyFile, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { parseRetentionDays, timestamp } from "../lib/backup-files";
import { UsageError } from "../lib/db-target";
import { isMain, runMain } from "../lib/db-target-exec";

const BACKUP_PATTERN = /^k3s_\d{8}_\d{6}$/;

const exec = (
  file: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? `${file} is not installed or not on PATH` : error.message)),
    );
    child.once("close", (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
  });

const execOk = async (file: string, args: readonly string[], what: string): Promise<string> => {
  const result = await exec(file, args);
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${result.stderr.trim()}`);
  return result.stdout;
};

/** Cluster state: an etcd snapshot, or (single-server K3s on SQLite) an online SQLite copy. */
const saveDatastore = async (root: string, work: string, name: string): Promise<string> => {
  const etcd = await exec("k3s", ["etcd-snapshot", "save", "--name", name, "--dir", work]);
  if (etcd.code === 0) return "etcd snapshot";
  const sqlite = path.join(root, "var/lib/rancher/k3s/server/db/state.db");
  if (!existsSync(sqlite)) {
    throw new Error(`k3s etcd-snapshot save failed (exit ${etcd.code}): ${etcd.stderr.trim()}`);
  }
  // `.backup` copies a consistent snapshot of a live database; `cp` of state.db may not.
  await execOk(
    "sqlite3",
    [sqlite, `.backup '${path.join(work, "state.db")}'`],
    "sqlite3 .backup of state.db",
  );
  return "SQLite datastore copy (etcd is not enabled on this server)";
};

const saveSealedSecretsKey = async (work: string): Promise<number> => {
  const yaml = await execOk(
    "kubectl",
    [
      "get",
      "secret",
      "-n",
      "kube-system",
      "-l",
      "sealedsecrets.bitnami.com/sealed-secrets-key",
      "-o",
      "yaml",
    ],
    "Reading the Sealed Secrets key",
  );
  const items = (parse(yaml) as { items?: unknown[] } | null)?.items ?? [];
  if (items.length === 0) {
    throw new Error(
      "No Sealed Secrets key found in kube-system (label sealedsecrets.bitnami.com/sealed-secrets-key); without it sealed secrets cannot be decrypted after a rebuild. Is the controller installed?",
    );
  }
  await writeFile(path.join(work, "sealed-secrets-key.yaml"), yaml, { mode: 0o600 });
  return items.length;
};

/**
 * The server token: K3s encrypts the datastore's confidential data (bootstrap certificates and keys)
 * with it, so an etcd snapshot restored on a new server without it cannot be read.
 */
const saveToken = async (root: string, work: string): Promise<string> => {
  const token = path.join(root, "var/lib/rancher/k3s/server/token");
  if (!existsSync(token)) {
    throw new Error(
      `${token} does not exist: without the server token the snapshot cannot be restored on a new server. Run this on the K3s server, as root.`,
    );
  }
  await copyFile(token, path.join(work, "token"));
  await chmod(path.join(work, "token"), 0o600);
  return token;
};

const prune = async (dir: string, retentionDays: number): Promise<string[]> => {
  const cutoff = Date.now() - retentionDays * 86_400_000;
  const deleted: string[] = [];
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name);
    if (BACKUP_PATTERN.test(name) && (await stat(full)).mtimeMs < cutoff) {
      await rm(full, { recursive: true, force: true });
      deleted.push(full);
    }
  }
  return deleted;
};

const parseArgs = (argv: readonly string[]): { root: string } => {
  if (argv.length === 0) return { root: "/" };
  if (argv.length === 2 && argv[0] === "--root" && argv[1]) return { root: path.resolve(argv[1]) };
  const usage = "usage: mise run backup-k3s [--root DIR]   (--root prefixes every file path, for tests)";
  if (argv[0] === "--root") throw new UsageError(`--root needs one folder. ${usage}`);
  throw new UsageError(`Unknown argument ${argv[0]}. ${usage}`);
};

export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const { root } = parseArgs(argv);
  const retentionDays = parseRetentionDays(env.RETENTION_DAYS);
  const dir = path.join(root, env.K3S_BACKUP_DIR ?? "/opt/backups/k3s");
  const tls = path.join(root, "var/lib/rancher/k3s/server/tls");
  if (!existsSync(tls)) throw new Error(`${tls} does not exist: run this on the K3s server, as root.`);
  // Keys and snapshots are secrets: nothing this task creates is readable by others.
  process.umask(0o077);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(
      `K3S_BACKUP_DIR=${dir} cannot be used (${reason}): point K3S_BACKUP_DIR at a writable folder (default /opt/backups/k3s).`,
    );
  }
  const name = `k3s_${timestamp(new Date())}`;
  const work = path.join(dir, `${name}.partial`);
  await mkdir(work, { mode: 0o700 });
  try {
    console.log(`Saving the cluster datastore...`);
    console.log(`  ${await saveDatastore(root, work, name)} saved`);
    await execOk(
      "tar",
      ["-czf", path.join(work, "tls.tar.gz"), "-C", path.dirname(tls), "tls"],
      "Archiving the TLS folder",
    );
    console.log(`  ${tls} archived`);
    console.log(`  ${await saveToken(root, work)} saved`);
    console.log(`  ${await saveSealedSecretsKey(work)} Sealed Secrets key(s) saved`);
    for (const file of await readdir(work)) await chmod(path.join(work, file), 0o600);
    await rename(work, path.join(dir, name));
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  console.log(`Cluster backup complete: ${path.join(dir, name)}`);
  for (const old of await prune(dir, retentionDays))
    console.log(`Deleted backup older than ${retentionDays} days: ${old}`);
  return 0;
};

if (isMain(import.meta.url)) runMain(() => main(process.argv.slice(2), process.env));
