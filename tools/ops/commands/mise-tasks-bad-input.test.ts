// Bad input to every ops command through the real `mise run`: the first line of stderr names the
// argument or variable and how to fix it, the exit code is non-zero, and nothing is written.
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTask } from "../test-kit/backup-test-kit";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "pp-mise-bad-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("bad input: one line naming the argument or variable, non-zero exit, nothing written", () => {
  it.each([
    ["backup-db", ["--bogus"], {}, /^error: Unknown argument --bogus\. usage: mise run backup-db/],
    ["backup-db", [], { RETENTION_DAYS: "abc" }, /^error: RETENTION_DAYS="abc" must be a whole number/],
    ["backup-db", [], { BACKUP_TARGET: "nope" }, /^error: BACKUP_TARGET="nope" is not known: use docker/],
    ["backup-db", [], { BACKUP_DIR: "FILE/sub" }, /^error: BACKUP_DIR=\S+ cannot be used \(ENOTDIR\): point/],
    ["restore-db", [], {}, /^error: usage: mise run restore-db FILE \[--yes\]/],
    ["restore-db", ["--bogus", "x.sql.gz"], {}, /^error: Unknown argument --bogus\./],
    [
      "restore-db",
      ["missing.sql.gz", "--yes"],
      {},
      /^error: missing\.sql\.gz does not exist: list the backups/,
    ],
    ["verify-backup", ["--bogus"], {}, /^error: Unknown argument --bogus\./],
    [
      "verify-backup",
      [],
      { BACKUP_DIR: "DIR/none" },
      /^error: Cannot read BACKUP_DIR=\S+ \(ENOENT\): set BACKUP_DIR/,
    ],
    [
      "backup-db",
      [],
      { POSTGRES_PORT: "abc" },
      /^error: POSTGRES_PORT="abc" is not a port number \(e\.g\. 5432\)/,
    ],
    ["backup-db", [], { DB_NAME: "x;y" }, /^error: DB_NAME="x;y" is not a plain PostgreSQL name/],
    ["backup-k3s", ["--bogus"], {}, /^error: Unknown argument --bogus\./],
    [
      "backup-k3s",
      ["--root", "DIR"],
      { RETENTION_DAYS: "-1" },
      /^error: RETENTION_DAYS="-1" must be a whole number/,
    ],
    ["doctor", ["--bogus"], {}, /^error: Unknown option '--bogus'\. usage: mise run doctor/],
    [
      "doctor",
      [],
      { K8S_NAMESPACE: "bad ns" },
      /^error: namespace "bad ns" \(--namespace or K8S_NAMESPACE\) is not a Kubernetes namespace name/,
    ],
    [
      "join-node",
      ["--role", "agent", "--server", "a b"],
      {},
      /^join-node: --server "a b" is not a host name or IP address; pass e\.g\. --server 10\.0\.0\.5\.$/,
    ],
    [
      "new-app",
      ["billing", "--domain", "billing.example.com", "--port", "abc", "--root", "DIR"],
      {},
      /^error: --port "abc" must be a whole number from 1024 to 65535/,
    ],
    [
      "set-domain",
      ["prod", "--root", "DIR"],
      {},
      /^expected <overlay> and <domain>\. usage: mise run set-domain/,
    ],
    [
      "set-domain",
      ["--bogus", "prod", "example.net", "--root", "DIR"],
      {},
      /^Unknown option '--bogus'\. usage:/,
    ],
    ["join-node", ["--role", "bogus"], {}, /^--role must be "server" .* or "agent"/],
    ["seal-secret", ["api-secrets"], {}, /^expected exactly two arguments, got 1\./],
    [
      "new-app",
      ["billing", "--root", "DIR"],
      {},
      /^error: --domain is required: .* e\.g\. --domain billing\.example\.com/,
    ],
  ] as const)("mise run %s %j with %j", async (task, args, env, message) => {
    const dir = await mkdtemp(path.join(work, "bad-"));
    const file = path.join(dir, "FILE");
    await writeFile(file, "");
    await chmod(file, 0o600);
    const fill = (value: string) => value.replace(/^FILE/, file).replace(/^DIR(?=$|\/)/, dir);
    const result = await runTask(
      task,
      args.map(fill),
      Object.fromEntries(
        Object.entries({ BACKUP_TARGET: "server", BACKUP_DIR: path.join(dir, "out"), ...env }).map(
          ([k, v]) => [k, fill(v)],
        ),
      ),
    );
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr.split("\n")[0]).toMatch(message);
    expect(await readdir(dir)).toEqual(["FILE"]);
  });
});

it("seal-secret names a malformed ENCRYPTION_KEY and writes nothing", async () => {
  const output = path.join(work, "sealed.yaml");
  const result = await runTask("seal-secret", ["api-secrets", "parametric-portal", "--output", output], {
    POSTGRES_USER: "postgres",
    POSTGRES_PASSWORD: "test-only",
    ENCRYPTION_KEY: "abc",
    ANTHROPIC_API_KEY: "sk-ant-test-only",
    OAUTH_GITHUB_CLIENT_ID: "id",
    OAUTH_GITHUB_CLIENT_SECRET: "test-only",
  });
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(
    /^Nothing was written\. Fix these environment variables:\n {2}- ENCRYPTION_KEY must be standard base64 of exactly 32 bytes .*openssl rand -base64 32/,
  );
  expect(await readdir(work)).not.toContain("sealed.yaml");
});

it("backup-k3s names a K3S_BACKUP_DIR it cannot create and saves nothing", async () => {
  const root = await mkdtemp(path.join(work, "k3s-"));
  await mkdir(path.join(root, "var/lib/rancher/k3s/server/tls"), { recursive: true });
  await writeFile(path.join(root, "opt"), "a file where the backup folder should go");
  const result = await runTask("backup-k3s", ["--root", root], { K3S_BACKUP_DIR: "/opt/backups/k3s" });
  expect(result.code).not.toBe(0);
  expect(result.stderr.split("\n")[0]).toBe(
    `error: K3S_BACKUP_DIR=${root}/opt/backups/k3s cannot be used (ENOTDIR): point K3S_BACKUP_DIR at a writable folder (default /opt/backups/k3s).`,
  );
  expect((await readdir(root)).sort()).toEqual(["opt", "var"]);
});
