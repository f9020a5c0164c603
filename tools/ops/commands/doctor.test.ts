import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runTask, standIns } from "../test-kit/backup-test-kit";

const FIXTURES = fileURLToPath(new URL("../test-kit/doctor-fixtures/", import.meta.url));
const fixture = (name: string): string => path.join(FIXTURES, name);

let work: string;
let bin: string;
const acme: Record<"healthy" | "expiring", { file: string; notAfter: string }> = {
  healthy: { file: "", notAfter: "" },
  expiring: { file: "", notAfter: "" },
};

/** Traefik's acme.json holding one freshly made certificate valid for `days`. */
const acmeJson = async (name: string, days: number): Promise<{ file: string; notAfter: string }> => {
  const cert = path.join(work, `${name}.pem`);
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
      ...["-keyout", path.join(work, `${name}.key`), "-out", cert, "-days", String(days)],
      ...["-subj", "/CN=api.parametric-portal.com"],
    ],
    { stdio: "ignore" },
  );
  const pem = await readFile(cert);
  const store = {
    letsencrypt: {
      Account: {
        Email: "ops@example.com",
        Registration: { uri: "https://acme-v02.api.letsencrypt.org/acme/acct/1" },
      },
      Certificates: [
        {
          domain: { main: "api.parametric-portal.com" },
          certificate: pem.toString("base64"),
          key: (await readFile(path.join(work, `${name}.key`))).toString("base64"),
          Store: "default",
        },
      ],
    },
  };
  const file = path.join(work, `${name}-acme.json`);
  await writeFile(file, JSON.stringify(store));
  return { file, notAfter: new Date(new X509Certificate(pem).validTo).toISOString() };
};

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "pp-doctor-"));
  bin = await mkdtemp(path.join(tmpdir(), "pp-doctor-bin-"));
  await copyFile(fixture("kubectl"), path.join(bin, "kubectl"));
  acme.healthy = await acmeJson("healthy", 60);
  acme.expiring = await acmeJson("expiring", 5);
});

const doctor = (env: Record<string, string | undefined>, extraBin?: string) =>
  runTask("doctor", [], {
    DOCTOR_FIXTURES: FIXTURES,
    FIXTURE_ACME: acme.healthy.file,
    PATH: `${extraBin ? `${extraBin}:` : ""}${bin}:${process.env.PATH}`,
    ...env,
  });

const problems = (stdout: string): string[] => stdout.split("\n").filter((line) => line.startsWith("✗ "));

describe("doctor", () => {
  it("reports a healthy cluster, with each certificate's notAfter, and exits 0", async () => {
    const result = await doctor({});
    expect(result.stderr).toBe("");
    expect(problems(result.stdout)).toEqual([]);
    expect(result.stdout).toContain("Healthy: none of the §7.1 symptoms found.");
    expect(result.stdout).toMatch(
      new RegExp(
        `api\\.parametric-portal\\.com  notAfter ${acme.healthy.notAfter.replace(/\./g, "\\.")}  \\(59 days left\\)`,
      ),
    );
    expect(result.stdout).not.toContain("!");
    expect(result.code).toBe(0);
  });

  it.each([
    [
      "Pod CrashLoopBackOff",
      { FIXTURE_PODS: fixture("pods-crashloop.json") },
      "✗ Pod CrashLoopBackOff: pod/api-7d9f8c6b5-abcde container api",
      [
        "restarted 7 times",
        "last exit: code 1 (Error)",
        "ENCRYPTION_KEY must be the base64 of exactly 32 bytes",
        "check:    kubectl logs api-7d9f8c6b5-abcde -c api -n parametric-portal --previous",
        "fix:      Fix application error",
      ],
    ],
    [
      "ImagePullBackOff",
      { FIXTURE_PODS: fixture("pods-imagepull.json") },
      "✗ ImagePullBackOff: pod/icons-6c8d7b9f4-klmno container icons",
      [
        "image ghcr.io/parametric-portal/parametric-icons:sha-deadbee: ImagePullBackOff",
        "check:    kubectl describe pod icons-6c8d7b9f4-klmno",
        "fix:      Check GHCR auth, image exists",
      ],
    ],
    [
      "Pending pods",
      { FIXTURE_PODS: fixture("pods-pending.json") },
      "✗ Pending pods: pod/api-7d9f8c6b5-uvwxy",
      ["Unschedulable: 0/1 nodes are available: 1 Insufficient cpu", "fix:      Check resource limits, PDB"],
    ],
    [
      "502 Bad Gateway",
      {
        FIXTURE_SERVICES: fixture("services-bad-selector.json"),
        FIXTURE_ENDPOINTS: fixture("endpoints-bad-selector.json"),
      },
      "✗ 502 Bad Gateway: service/icons",
      [
        "no ready endpoints",
        "selector app.kubernetes.io/name=parametric-icons matches 0 pod(s)",
        "check:    kubectl get endpoints icons -n parametric-portal",
        "fix:      Check service selector match",
      ],
    ],
    [
      "TLS certificate error (ACME errors in the Traefik logs)",
      { FIXTURE_TRAEFIK_LOG: fixture("traefik-acme-error.log") },
      "✗ TLS certificate error: traefik (kube-system)",
      [
        "Timeout during connect (likely firewall problem)",
        "check:    kubectl logs -n kube-system -l app.kubernetes.io/name=traefik",
        "fix:      Check ACME resolver config",
      ],
    ],
    [
      "TLS certificate error (certificate about to expire)",
      { FIXTURE_ACME: "" },
      "✗ TLS certificate error: certificate for api.parametric-portal.com",
      ["in 4 days (Traefik renews at 30)", "fix:      Check ACME resolver config"],
    ],
    [
      "ArgoCD OutOfSync",
      { FIXTURE_APPLICATIONS: fixture("applications-outofsync.json") },
      "✗ ArgoCD OutOfSync: application/parametric-portal-prod",
      [
        "sync: OutOfSync, health: Healthy",
        "out of sync: Deployment/api",
        "check:    argocd app diff parametric-portal-prod",
        "fix:      Check git, sync manually",
      ],
    ],
  ] as [string, Record<string, string>, string, string[]][])(
    "detects %s and prints the evidence and the fix",
    async (_symptom, env, headline, evidence) => {
      // FIXTURE_ACME "" stands for the expiring certificate, which only exists once beforeAll ran.
      const result = await doctor(
        env.FIXTURE_ACME === "" ? { ...env, FIXTURE_ACME: acme.expiring.file } : env,
      );
      expect(problems(result.stdout)).toEqual([headline]);
      for (const line of evidence) expect(result.stdout).toContain(line);
      expect(result.stdout).toContain("1 problem(s) found.");
      expect(result.code).toBe(1);
    },
  );

  it("asks the argocd CLI when it is installed", async () => {
    const argocd = await standIns({
      argocd: `#!/bin/sh\n[ "$*" = "app get parametric-portal-prod -o json" ] || exit 2\ncat "${fixture("argocd-app-outofsync.json")}"\n`,
    });
    const result = await doctor({ FIXTURE_APPLICATIONS: "" }, argocd);
    expect(problems(result.stdout)).toEqual(["✗ ArgoCD OutOfSync: application/parametric-portal-prod"]);
    expect(result.code).toBe(1);
  });

  it("falls back to the Application object when the argocd CLI is not logged in", async () => {
    const argocd = await standIns({
      argocd: `#!/bin/sh\necho 'FATA[0000] rpc error: code = Unauthenticated desc = invalid session' >&2\nexit 20\n`,
    });
    const result = await doctor({ FIXTURE_APPLICATIONS: fixture("applications-outofsync.json") }, argocd);
    expect(problems(result.stdout)).toEqual(["✗ ArgoCD OutOfSync: application/parametric-portal-prod"]);
    expect(result.stdout).toMatch(
      /! argocd app get failed .*Unauthenticated.*reading the Application object instead/,
    );
    expect(result.code).toBe(1);
  });

  it("exits 2 with a pointer to the kube context when the cluster cannot be read", async () => {
    const result = await doctor({ FIXTURE_PODS: "" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read the cluster .* Check kubectl config current-context/);
  });
});
