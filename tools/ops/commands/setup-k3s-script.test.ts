import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MISE, MISE_ENV } from "../test-kit/backup-test-kit";
import { CHILD_DEADLINE_MS } from "../test-kit/deadline";
import { buildDownloads, FAKE_TOOL, REPO_ROOT, snapshot } from "../test-kit/setup-k3s-fixtures";

const task = (
  parseToml(readFileSync(join(REPO_ROOT, "mise.toml"), "utf8")) as {
    tasks: Record<string, { run: string }>;
  }
).tasks["setup-k3s"];
const ACME_EMAIL = "ops+acme@example.org";

let base: string;
let counter = 0;

interface Sandbox {
  root: string;
  log: string;
  env: NodeJS.ProcessEnv;
}

function sandbox(corrupt?: "k3s" | "argo-cd-chart", extraEnv: Record<string, string> = {}): Sandbox {
  // `id` is faked so the suite does not depend on the runner's uid; `uname` only when a test sets an arch.
  const fakes = ["curl", "systemctl", "ss", "id", ...(extraEnv.FAKE_UNAME_M === undefined ? [] : ["uname"])];
  const dir = join(base, `case-${++counter}`);
  const paths = {
    root: join(dir, "root"),
    bin: join(dir, "bin"),
    state: join(dir, "state"),
    downloads: join(dir, "dl"),
  };
  for (const path of [...Object.values(paths), join(dir, "work"), join(dir, "tmp")])
    mkdirSync(path, { recursive: true });
  for (const tool of fakes) symlinkSync(FAKE_TOOL, join(paths.bin, tool));
  buildDownloads(paths.downloads, join(dir, "work"), corrupt);
  const log = join(dir, "calls.log");
  writeFileSync(log, "");
  return {
    root: paths.root,
    log,
    env: {
      PATH: `${paths.bin}:${process.env.PATH}`,
      HOME: dir,
      TMPDIR: join(dir, "tmp"),
      PP_ROOT: paths.root,
      MIN_FREE_DISK_MB: "1",
      DOMAIN: "example.org",
      ACME_EMAIL,
      FAKE_LOG: log,
      FAKE_STATE: paths.state,
      FAKE_DOWNLOADS: paths.downloads,
      ...extraEnv,
    },
  };
}

/** The real `mise run setup-k3s`, from the repo root, with only the sandbox's environment. */
function setup(box: Sandbox, env: NodeJS.ProcessEnv = box.env) {
  writeFileSync(box.log, "");
  if (!task) throw new Error("mise.toml has no [tasks.setup-k3s]");
  const result = spawnSync(MISE, ["run", "setup-k3s"], {
    cwd: REPO_ROOT,
    env: { ...env, ...MISE_ENV },
    encoding: "utf8",
    timeout: CHILD_DEADLINE_MS,
  });
  return { ...result, calls: readFileSync(box.log, "utf8").split("\n").filter(Boolean) };
}

const MUTATING = /^(curl |systemctl (enable|restart|daemon-reload)|helm upgrade|k3s kubectl apply)/;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "setup-k3s-"));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("mise run setup-k3s", () => {
  it("installs the pinned stack, writes the manual's outputs, and a second run changes nothing", () => {
    const box = sandbox();
    const first = setup(box);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const calls = first.calls.join("\n");
    expect(calls).toContain("github.com/k3s-io/k3s/releases/download/v1.32.2%2Bk3s1/");
    expect(calls).toContain("get.helm.sh/helm-v3.17.1-linux-");
    expect(calls).toContain("sealed-secrets/releases/download/v0.28.0/kubeseal-0.28.0-linux-");
    expect(calls).toMatch(
      /helm upgrade --install sealed-secrets-controller \S+\/sealed-secrets-2\.17\.1\.tgz --namespace kube-system /,
    );
    expect(calls).toMatch(/helm upgrade --install argocd \S+\/argo-cd-7\.8\.28\.tgz --namespace argocd /);
    expect(calls).toContain("systemctl enable --now k3s");
    expect(first.stdout).toContain(
      "K3s v1.32.2+k3s1, Traefik v3.3.5, Argo CD chart 7.8.28, Sealed Secrets chart 2.17.1",
    );

    for (const tool of ["k3s", "helm", "kubeseal"]) {
      expect(statSync(join(box.root, "usr/local/bin", tool)).mode & 0o777).toBe(0o755);
    }
    const k3sConfig = parse(readFileSync(join(box.root, "etc/rancher/k3s/config.yaml"), "utf8"));
    expect(k3sConfig).toMatchObject({ "cluster-init": true, "tls-san": ["example.org"] });
    expect(readFileSync(join(box.root, "etc/systemd/system/k3s.service"), "utf8")).toContain(
      "ExecStart=/usr/local/bin/k3s server",
    );

    // The manual's outputs.
    expect(first.stdout).toContain(`Kubeconfig:            ${box.root}/etc/rancher/k3s/k3s.yaml`);
    expect(readFileSync(join(box.root, "opt/sealed-secrets-cert.pem"), "utf8")).toContain(
      "BEGIN CERTIFICATE",
    );
    const keyDir = join(box.root, "opt/backups/sealed-secrets");
    expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    const keyFile = join(keyDir, "sealed-secrets-keys.yaml");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(keyFile, "utf8")).items[0].data["tls.key"]).toBe("RkFLRUtFWQ==");
    expect(first.stdout).toContain(keyFile);
    expect(first.stdout).toContain("Argo CD admin password: fake-admin-password");
    expect(first.stdout).toContain("kubectl apply -f infrastructure/argocd/application.yaml");
    expect(first.stdout).toContain("mise run seal-secret api-secrets parametric-portal");
    expect(calls).toMatch(
      /k3s kubectl apply -n parametric-portal -f \S+infrastructure\/base\/namespace\.yaml -f \S+limit-range\.yaml/,
    );

    const before = snapshot(box.root);
    const second = setup(box);
    expect(second.status).toBe(0);
    expect(second.calls.filter((call) => MUTATING.test(call))).toEqual([]);
    expect(snapshot(box.root)).toEqual(before);
    expect(second.stdout).not.toContain("+ changed");
    const stepBodies = second.stdout.split(/\n==> \[\d+\/10\] /).slice(2);
    expect(stepBodies).toHaveLength(9);
    for (const body of stepBodies) expect(body).toContain("= unchanged");
  });

  it("applies a changed ACME_EMAIL by rewriting only the Traefik config, which K3s reloads itself", () => {
    const box = sandbox();
    expect(setup(box).status).toBe(0);
    const rerun = setup(box, { ...box.env, ACME_EMAIL: "new-contact@example.org" });
    expect(rerun.status).toBe(0);
    expect(rerun.calls.filter((call) => MUTATING.test(call))).toEqual([]);
    expect(rerun.stdout.match(/\+ changed: .*/g)).toEqual([
      expect.stringContaining(
        "traefik-config.yaml (Traefik v3.3.5, ACME resolver letsencrypt for new-contact@example.org)",
      ),
    ]);
  });

  it("installs the arm64 builds on an arm64 server", () => {
    const box = sandbox(undefined, { FAKE_UNAME_M: "aarch64" });
    const result = setup(box);
    expect(result.status).toBe(0);
    const curls = result.calls.filter((call) => call.startsWith("curl "));
    expect(curls.some((call) => call.endsWith("/v1.32.2%2Bk3s1/k3s-arm64"))).toBe(true);
    expect(curls.some((call) => call.endsWith("/v1.32.2%2Bk3s1/sha256sum-arm64.txt"))).toBe(true);
    expect(curls.some((call) => call.endsWith("/helm-v3.17.1-linux-arm64.tar.gz"))).toBe(true);
    expect(curls.some((call) => call.endsWith("/kubeseal-0.28.0-linux-arm64.tar.gz"))).toBe(true);
    expect(curls.some((call) => /amd64/.test(call))).toBe(false);
  });

  it("writes a Traefik HelmChartConfig that parses, has the HelmChartConfig shape and carries ACME_EMAIL", () => {
    const box = sandbox();
    expect(setup(box).status).toBe(0);
    const config = parse(
      readFileSync(join(box.root, "var/lib/rancher/k3s/server/manifests/traefik-config.yaml"), "utf8"),
    );
    expect(config.apiVersion).toBe("helm.cattle.io/v1");
    expect(config.kind).toBe("HelmChartConfig");
    // k3s only merges a HelmChartConfig named like its bundled chart, in kube-system.
    expect(config.metadata).toEqual({ name: "traefik", namespace: "kube-system" });
    expect(Object.keys(config.spec).every((key) => ["valuesContent", "failurePolicy"].includes(key))).toBe(
      true,
    );
    expect(typeof config.spec.valuesContent).toBe("string");
    const values = parse(config.spec.valuesContent);
    expect(values.image.tag).toBe("v3.3.5");
    expect(values.certificatesResolvers.letsencrypt.acme).toEqual({
      email: ACME_EMAIL,
      storage: "/data/acme.json",
      tlsChallenge: true,
    });
    expect(values.persistence).toMatchObject({ enabled: true, path: "/data" });
    expect(values.ports.web.exposedPort).toBe(80);
    expect(values.ports.websecure.exposedPort).toBe(443);
    expect(values.ports.web.redirections.entryPoint).toEqual({
      to: "websecure",
      scheme: "https",
      permanent: true,
    });
    expect(values.service.type).toBe("LoadBalancer");
    // Chart v34 merges service.spec into the Service; Local keeps client IPs for rate-limit-web.
    expect(values.service.spec).toEqual({ externalTrafficPolicy: "Local" });
  });

  it("gives Argo CD a PVC health check, so a claim waiting for its first pod does not hold the sync", () => {
    const box = sandbox();
    expect(setup(box).status).toBe(0);
    const values = parse(
      readFileSync(join(box.root, "var/lib/parametric-portal-bootstrap/values/argo-cd.yaml"), "utf8"),
    );
    expect(values.configs.params["server.insecure"]).toBe(true);
    // Core-group kinds have no group prefix in the argocd-cm key.
    const lua: string = values.configs.cm["resource.customizations.health.PersistentVolumeClaim"];
    expect(lua).toMatch(
      /annotations\["volume\.kubernetes\.io\/selected-node"\] == nil then\s+hs\.status = "Healthy"/,
    );
    expect(lua).toMatch(/phase == "Bound" then\s+hs\.status = "Healthy"/);
    expect(lua).toMatch(/phase == "Lost" then\s+hs\.status = "Degraded"/);
    expect(lua.trim().endsWith("return hs")).toBe(true);
  });

  it.each(["k3s", "argo-cd-chart"] as const)(
    "aborts on a %s checksum mismatch before installing anything",
    (corrupt) => {
      const box = sandbox(corrupt);
      const result = setup(box);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/checksum mismatch for (k3s|chart argo-cd)/);
      expect(result.stderr).toContain("Aborted before installing anything");
      expect(readdirSync(box.root)).toEqual([]);
      expect(result.calls.filter((call) => /^(systemctl (?!is-)|helm |k3s )/.test(call))).toEqual([]);
    },
  );

  it("aborts when a download matches upstream but not the checksum pinned in versions.env", () => {
    const pin = "0".repeat(64);
    const box = sandbox(undefined, { HELM_SHA256_AMD64: pin, HELM_SHA256_ARM64: pin });
    const result = setup(box);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `checksum mismatch for helm v3.17.1: the pinned checksum (versions.env) is ${pin}`,
    );
    expect(readdirSync(box.root)).toEqual([]);
  });

  it("refuses without DOMAIN and ACME_EMAIL before any change", () => {
    const box = sandbox();
    const { DOMAIN: _domain, ACME_EMAIL: _email, ...env } = box.env;
    const result = setup(box, env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("nothing was changed");
    expect(result.stderr).toContain("DOMAIN is not set");
    expect(result.stderr).toContain("ACME_EMAIL is not set");
    expect(result.calls.filter((call) => MUTATING.test(call))).toEqual([]);
    expect(readdirSync(box.root)).toEqual([]);
  });

  it("refuses to run as a non-root user", () => {
    const box = sandbox(undefined, { FAKE_UID: "1000" });
    const result = setup(box);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("must run as root");
    // sudo's secure_path would drop ~/.local/bin, where mise is installed.
    expect(result.stderr).toContain('sudo -E env PATH="$PATH" mise run setup-k3s');
    expect(readdirSync(box.root)).toEqual([]);
  });

  it("refuses when something already listens on 80/443", () => {
    const box = sandbox(undefined, {
      FAKE_SS_OUTPUT: 'LISTEN 0 511 0.0.0.0:80 0.0.0.0:* users:(("nginx",pid=1,fd=6))',
    });
    const result = setup(box);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("ports 80/443 must be free");
    expect(result.stderr).toContain("nginx");
    expect(readdirSync(box.root)).toEqual([]);
  });
});
