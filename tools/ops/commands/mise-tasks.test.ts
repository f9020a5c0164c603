// Every task in mise.toml run through the real `mise run` (the @jdxcode/mise devDependency) with
// the manual's arguments, against real local parts: the test PostgreSQL, temporary copies of the
// repository, and stand-ins only for what cannot exist here (kubectl, k3s, systemd).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { createTestDatabase } from "@parametric-portal/test-support/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { strictScopeLabel } from "../lib/sealed-secrets-crypto";
import {
  checksums,
  MISE,
  MISE_ENV,
  REPO_ROOT,
  runShell,
  runTask,
  type Seeded,
  seededDatabase,
  serverEnv,
  standIns,
  taskNames,
} from "../test-kit/backup-test-kit";
import { hybridDecrypt, makeTestCertificate } from "../test-kit/seal-secret-test-kit";
import { FAKE_TOOL } from "../test-kit/setup-k3s-fixtures";

const ran = new Set<string>();
const mise = (task: string, args: readonly string[], env: Record<string, string | undefined> = {}) => {
  ran.add(task);
  return runTask(task, args, env);
};

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "pp-mise-tasks-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A copy of the parts of the repository that new-app and set-domain rewrite. */
const repoCopy = async (): Promise<string> => {
  const root = await mkdtemp(path.join(work, "repo-"));
  for (const dir of ["apps", "infrastructure"]) {
    await cp(path.join(REPO_ROOT, dir), path.join(root, dir), {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|dist|\.data)$/.test(source),
    });
  }
  return root;
};

describe("mise itself", () => {
  it("is the real binary and lists every task of mise.toml", async () => {
    const version = await runShell('exec "$0" --version', [], MISE_ENV, undefined, MISE);
    expect(version.stdout).toMatch(/^\d{4}\.\d+\.\d+ linux-/);
    const listed = await runShell('exec "$0" tasks ls --json', [], MISE_ENV, undefined, MISE);
    expect(listed.code).toBe(0);
    const names = (JSON.parse(listed.stdout) as { name: string }[]).map((task) => task.name).sort();
    expect(names).toEqual(taskNames().sort());
  });
});

describe("§3.2 mise run seal-secret api-secrets parametric-portal", () => {
  it("seals the environment's values into the output file and prints none of them", async () => {
    const { certPem, privateKey } = await makeTestCertificate();
    const cert = path.join(work, "cert.pem");
    await writeFile(cert, certPem);
    const token = () => `v-${randomBytes(12).toString("hex")}`;
    const secrets = {
      POSTGRES_USER: "postgres",
      POSTGRES_PASSWORD: token(),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      ANTHROPIC_API_KEY: `sk-ant-${token()}`,
      OAUTH_GITHUB_CLIENT_ID: token(),
      OAUTH_GITHUB_CLIENT_SECRET: token(),
    };
    const output = path.join(work, "sealed-api-secrets.yaml");
    const committed = readFileSync(
      path.join(REPO_ROOT, "infrastructure/overlays/prod/sealed-api-secrets.yaml"),
    );
    // No kubeseal on PATH: the native sealing path runs.
    const noKubeseal = (process.env.PATH ?? "")
      .split(":")
      .filter((entry) => !existsSync(path.join(entry, "kubeseal")))
      .join(":");
    const result = await mise("seal-secret", ["api-secrets", "parametric-portal"], {
      ...secrets,
      SEALED_SECRETS_CERT: cert,
      SEALED_SECRET_OUTPUT: output,
      PATH: noKubeseal,
    });
    expect(result.code).toBe(0);
    const manifest = parse(await readFile(output, "utf8")) as {
      spec: { encryptedData: Record<string, string> };
    };
    const label = strictScopeLabel("parametric-portal", "api-secrets");
    const opened = Object.fromEntries(
      Object.entries(manifest.spec.encryptedData).map(([key, value]) => [
        key,
        hybridDecrypt(privateKey, Buffer.from(value, "base64"), label).toString("utf8"),
      ]),
    );
    expect(opened).toEqual(secrets);
    for (const value of Object.values(secrets).filter((value) => value !== "postgres")) {
      expect(result.stdout + result.stderr).not.toContain(value);
    }
    expect(
      readFileSync(path.join(REPO_ROOT, "infrastructure/overlays/prod/sealed-api-secrets.yaml")),
    ).toEqual(committed);
  });
});

describe("§5 backup-db, verify-backup, restore-db on the test PostgreSQL", () => {
  let seeded: Seeded;
  beforeAll(async () => {
    seeded = await seededDatabase("misetasks");
  });
  afterAll(async () => {
    await seeded.close();
  });

  it("backs up, verifies the backup, and restores it into another database exactly", async () => {
    const dir = path.join(work, "backups");
    const env = serverEnv(seeded.config, dir);
    const backup = await mise("backup-db", [], env);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const [name, ...others] = await readdir(dir);
    expect(others).toEqual([]);
    expect(name).toMatch(new RegExp(`^${seeded.config.database}_\\d{8}_\\d{6}\\.sql\\.gz$`));
    const file = path.join(dir, name ?? "");

    const verify = await mise("verify-backup", [], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain("public.users: 1200 rows");

    const scratch = await createTestDatabase("misescratch");
    try {
      const restore = await mise("restore-db", [file, "--yes"], { ...env, DB_NAME: scratch.config.database });
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);
      const copy = await openDatabase(scratch.config);
      try {
        expect(await checksums(copy)).toEqual(await checksums(seeded.db));
      } finally {
        await copy.close();
      }
    } finally {
      await scratch.drop();
    }
  });
});

describe("§6 mise run new-app and mise run set-domain on a copy of the repository", () => {
  it("new-app scaffolds the manual's five manifests and adds the app to the prod overlay", async () => {
    const root = await repoCopy();
    const result = await mise("new-app", ["billing", "--domain", "billing.example.com", "--root", root]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = await readdir(path.join(root, "infrastructure/apps/billing"));
    for (const file of [
      "deployment.yaml",
      "service.yaml",
      "ingressroute.yaml",
      "middleware.yaml",
      "kustomization.yaml",
    ]) {
      expect(files).toContain(file);
    }
    expect(
      await readFile(path.join(root, "infrastructure/apps/billing/ingressroute.yaml"), "utf8"),
    ).toContain("Host(`billing.example.com`)");
    const overlay = parse(
      await readFile(path.join(root, "infrastructure/overlays/prod/kustomization.yaml"), "utf8"),
    );
    expect(overlay.resources).toContain("../../apps/billing");
    expect(existsSync(path.join(REPO_ROOT, "infrastructure/apps/billing"))).toBe(false);
  });

  it("set-domain points the overlay's hosts at the new domain", async () => {
    const root = await repoCopy();
    const hosts = path.join(root, "infrastructure/overlays/prod/hosts.yaml");
    const result = await mise("set-domain", ["prod", "example.net", "--root", root]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("api.example.net, icons.example.net");
    expect(parse(await readFile(hosts, "utf8")).data).toEqual({
      api: "api.example.net",
      icons: "icons.example.net",
    });
  });
});

describe("§1 and §7 cluster tasks against stand-ins", () => {
  it("doctor reads the cluster through kubectl and names the §7.1 symptom it finds", async () => {
    const fixtures = path.join(REPO_ROOT, "tools/ops/test-kit/doctor-fixtures");
    const bin = await mkdtemp(path.join(work, "doctor-bin-"));
    await copyFile(path.join(fixtures, "kubectl"), path.join(bin, "kubectl"));
    const env = { DOCTOR_FIXTURES: fixtures, PATH: `${bin}:${process.env.PATH}` };
    const healthy = await mise("doctor", [], env);
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain("Healthy: none of the §7.1 symptoms found.");
    const sick = await mise("doctor", [], {
      ...env,
      FIXTURE_PODS: path.join(fixtures, "pods-crashloop.json"),
    });
    expect(sick.code).toBe(1);
    expect(sick.stdout).toMatch(/^✗ Pod CrashLoopBackOff: pod\/api-/m);
  });

  it("join-node prints the pinned join command with this server's token", async () => {
    const root = await mkdtemp(path.join(work, "node-"));
    const token = `K10${randomBytes(16).toString("hex")}::server:${randomBytes(16).toString("hex")}`;
    await mkdir(path.join(root, "var/lib/rancher/k3s/server"), { recursive: true });
    await writeFile(path.join(root, "var/lib/rancher/k3s/server/node-token"), `${token}\n`);
    const result = await mise("join-node", ["--role", "agent", "--server", "10.0.0.5"], { PP_ROOT: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`INSTALL_K3S_VERSION='v1.32.2+k3s1' K3S_TOKEN='${token}'`);
    expect(result.stdout).toContain("K3S_URL='https://10.0.0.5:6443' sh -s - agent");
    expect(result.stderr).not.toContain(token);
  });

  it("setup-k3s without DOMAIN stops before any change and says what to export", async () => {
    const root = await mkdtemp(path.join(work, "vps-"));
    const bin = await mkdtemp(path.join(work, "vps-bin-"));
    for (const tool of ["curl", "systemctl", "ss", "id"]) await symlink(FAKE_TOOL, path.join(bin, tool));
    const log = path.join(work, "vps-calls.log");
    await writeFile(log, "");
    const result = await mise("setup-k3s", [], {
      DOMAIN: undefined,
      ACME_EMAIL: "ops@example.org",
      PP_ROOT: root,
      PATH: `${bin}:${process.env.PATH}`,
      FAKE_LOG: log,
      FAKE_STATE: root,
      MIN_FREE_DISK_MB: "1",
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("DOMAIN is not set: export DOMAIN=your-domain.com");
    expect(result.stderr).toContain("nothing was changed");
    expect(await readdir(root)).toEqual([]);
    expect(
      (await readFile(log, "utf8"))
        .split("\n")
        .filter((call) => /^(curl |systemctl (enable|restart|daemon-reload))/.test(call)),
    ).toEqual([]);
  });

  it("backup-k3s saves the datastore snapshot, TLS folder, server token and Sealed Secrets key", async () => {
    const root = await mkdtemp(path.join(work, "k3s-"));
    await mkdir(path.join(root, "var/lib/rancher/k3s/server/tls"), { recursive: true });
    await writeFile(path.join(root, "var/lib/rancher/k3s/server/tls/server-ca.key"), "key", { mode: 0o600 });
    await writeFile(path.join(root, "var/lib/rancher/k3s/server/token"), "K10test::server:test\n", {
      mode: 0o600,
    });
    const bin = await standIns({
      k3s: `#!/bin/sh\n[ "$1 $2" = "etcd-snapshot save" ] || exit 2\necho snapshot > "$6/$4-vps-1-1795665000"\n`,
      kubectl: `#!/bin/sh\nprintf 'apiVersion: v1\\nitems:\\n- kind: Secret\\nkind: List\\n'\n`,
    });
    const result = await mise("backup-k3s", ["--root", root], { PATH: `${bin}:${process.env.PATH}` });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [name] = await readdir(path.join(root, "opt/backups/k3s"));
    const saved = (await readdir(path.join(root, "opt/backups/k3s", name ?? ""))).sort();
    expect(saved).toEqual([`${name}-vps-1-1795665000`, "sealed-secrets-key.yaml", "tls.tar.gz", "token"]);
  });
});

describe("coverage", () => {
  it("ran every task in mise.toml above", () => {
    expect([...ran].sort()).toEqual(taskNames().sort());
  });
});
