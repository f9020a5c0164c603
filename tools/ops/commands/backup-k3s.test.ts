import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runTask, standIns } from "../test-kit/backup-test-kit";

// `k3s etcd-snapshot save --name N --dir D` writes D/N-<node>-<unix time>, as K3s does.
const K3S_ETCD = `#!/bin/sh
[ "$1 $2 $3" = "etcd-snapshot save --name" ] && [ "$5" = --dir ] || { echo "stand-in k3s: unexpected: $*" >&2; exit 2; }
echo "etcd snapshot bytes" > "$6/$4-vps-1-1795665000"
`;
const K3S_SQLITE = `#!/bin/sh
echo 'level=fatal msg="etcd datastore disabled"' >&2
exit 1
`;
const kubectl = (yaml: string) => `#!/bin/sh
[ "$*" = "get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml" ] || { echo "stand-in kubectl: unexpected: $*" >&2; exit 2; }
cat <<'YAML'
${yaml}YAML
`;

let root: string;
let keyYaml: string;
let token: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "pp-k3s-"));
  const tls = path.join(root, "var/lib/rancher/k3s/server/tls");
  await mkdir(path.join(tls, "etcd"), { recursive: true });
  await writeFile(path.join(tls, "server-ca.crt"), "-----BEGIN CERTIFICATE-----\n");
  await writeFile(path.join(tls, "server-ca.key"), randomBytes(32).toString("hex"), { mode: 0o600 });
  await writeFile(path.join(tls, "etcd/peer-ca.key"), randomBytes(32).toString("hex"), { mode: 0o600 });
  token = `K10${randomBytes(16).toString("hex")}::server:${randomBytes(16).toString("hex")}\n`;
  await writeFile(path.join(root, "var/lib/rancher/k3s/server/token"), token, { mode: 0o600 });
  keyYaml = `apiVersion: v1
items:
- apiVersion: v1
  data:
    tls.crt: ${randomBytes(24).toString("base64")}
    tls.key: ${randomBytes(24).toString("base64")}
  kind: Secret
  metadata:
    labels:
      sealedsecrets.bitnami.com/sealed-secrets-key: active
    name: sealed-secrets-keyabcde
    namespace: kube-system
  type: kubernetes.io/tls
kind: List
metadata:
  resourceVersion: ""
`;
});

const backupsDir = () => path.join(root, "opt/backups/k3s");
const mode = async (file: string) => (await stat(file)).mode & 0o777;

const run = async (scripts: Record<string, string>, env: Record<string, string> = {}) => {
  const bin = await standIns(scripts);
  return runTask("backup-k3s", ["--root", root], { PATH: `${bin}:${process.env.PATH}`, ...env });
};

describe("backup-k3s", () => {
  it("saves the etcd snapshot, the TLS folder, the server token and the Sealed Secrets key, readable by root only", async () => {
    const result = await run({ k3s: K3S_ETCD, kubectl: kubectl(keyYaml) });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await mode(backupsDir())).toBe(0o700);
    const [name, ...others] = await readdir(backupsDir());
    expect(others).toEqual([]);
    expect(name).toMatch(/^k3s_\d{8}_\d{6}$/);
    const dir = path.join(backupsDir(), name ?? "");
    expect(await mode(dir)).toBe(0o700);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([`${name}-vps-1-1795665000`, "sealed-secrets-key.yaml", "tls.tar.gz", "token"]);
    for (const file of files) expect(await mode(path.join(dir, file))).toBe(0o600);
    // The snapshot's confidential data is encrypted with it: a restore needs this exact token.
    expect(await readFile(path.join(dir, "token"), "utf8")).toBe(token);
    expect(result.stdout).not.toContain(token.trim());
    expect(await readFile(path.join(dir, "sealed-secrets-key.yaml"), "utf8")).toBe(keyYaml);
    const listing = execFileSync("tar", ["-tzf", path.join(dir, "tls.tar.gz")], { encoding: "utf8" });
    expect(listing.split("\n")).toEqual(
      expect.arrayContaining(["tls/server-ca.key", "tls/etcd/peer-ca.key"]),
    );
  });

  it("copies the SQLite datastore consistently when etcd is not enabled", async () => {
    const db = path.join(root, "var/lib/rancher/k3s/server/db/state.db");
    await mkdir(path.dirname(db), { recursive: true });
    execFileSync("sqlite3", [
      db,
      "create table kine (id integer primary key, name text); insert into kine (name) values ('/registry/pods/a'), ('/registry/pods/b');",
    ]);
    const result = await run({ k3s: K3S_SQLITE, kubectl: kubectl(keyYaml) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("SQLite datastore copy");
    const [name] = await readdir(backupsDir());
    const copy = path.join(backupsDir(), name ?? "", "state.db");
    expect(execFileSync("sqlite3", [copy, "select name from kine order by id"], { encoding: "utf8" })).toBe(
      "/registry/pods/a\n/registry/pods/b\n",
    );
    expect(await mode(copy)).toBe(0o600);
  });

  it("fails without leaving a backup when the Sealed Secrets key is missing", async () => {
    const result = await run({ k3s: K3S_ETCD, kubectl: kubectl("apiVersion: v1\nitems: []\nkind: List\n") });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No Sealed Secrets key found in kube-system/);
    expect(await readdir(backupsDir())).toEqual([]);
  });

  it("fails without leaving a backup when the server token is missing", async () => {
    await rm(path.join(root, "var/lib/rancher/k3s/server/token"));
    const result = await run({ k3s: K3S_ETCD, kubectl: kubectl(keyYaml) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /server\/token does not exist: without the server token the snapshot cannot be restored/,
    );
    expect(await readdir(backupsDir())).toEqual([]);
  });

  it("fails clearly when there is neither etcd nor a SQLite datastore", async () => {
    const result = await run({ k3s: K3S_SQLITE, kubectl: kubectl(keyYaml) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/k3s etcd-snapshot save failed \(exit 1\): .*etcd datastore disabled/);
    expect(await readdir(backupsDir())).toEqual([]);
  });

  it("deletes only its own backups older than RETENTION_DAYS", async () => {
    const ages = { k3s_20200101_000000: 10, k3s_20200102_000000: 3, "manual-copy": 30 };
    for (const [name, days] of Object.entries(ages)) {
      await mkdir(path.join(backupsDir(), name), { recursive: true });
      const at = new Date(Date.now() - days * 86_400_000);
      await utimes(path.join(backupsDir(), name), at, at);
    }
    const result = await run({ k3s: K3S_ETCD, kubectl: kubectl(keyYaml) }, { RETENTION_DAYS: "7" });
    expect(result.code).toBe(0);
    const left = await readdir(backupsDir());
    expect(left).not.toContain("k3s_20200101_000000");
    expect(left).toEqual(expect.arrayContaining(["k3s_20200102_000000", "manual-copy"]));
    expect(left).toHaveLength(3);
  });

  it("refuses to run where there is no K3s server", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "pp-k3s-"));
    const bin = await standIns({ k3s: K3S_ETCD, kubectl: kubectl(keyYaml) });
    const result = await runTask("backup-k3s", ["--root", empty], { PATH: `${bin}:${process.env.PATH}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/server\/tls does not exist: run this on the K3s server, as root/);
  });
});
