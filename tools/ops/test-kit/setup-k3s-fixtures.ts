// Test fixtures for setup-k3s.sh: a fake download site laid out like the real release hosts
// (github.com, get.helm.sh, the chart repositories), whose binaries are the recording stand-in
// infrastructure/bootstrap/test-fakes/fake-tool.sh, plus checksum files computed from them.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const FAKE_TOOL = join(REPO_ROOT, "infrastructure/bootstrap/test-fakes/fake-tool.sh");
const ARCHES = ["amd64", "arm64"] as const;

export const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

function put(root: string, path: string, content: Buffer | string, mode = 0o644): Buffer {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content, { mode });
  return readFileSync(target);
}

function tarball(workDir: string, entries: Record<string, string>): Buffer {
  const staging = join(workDir, `tar-${Object.keys(entries).join("-").replaceAll("/", "_")}`);
  for (const [path, source] of Object.entries(entries)) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    copyFileSync(source, join(staging, path));
  }
  return execFileSync("tar", ["-czf", "-", "-C", staging, ...Object.keys(entries)]);
}

function chartIndex(chart: string, version: string, digest: string): string {
  // Decoys (another version, a chart whose name shares a prefix) prove the right digest is picked.
  return `apiVersion: v1
entries:
  ${chart}:
  - annotations:
      artifacthub.io/changes: |
        - kind: changed
          description: newer release
    apiVersion: v2
    digest: ${"1".repeat(64)}
    name: ${chart}
    urls:
    - https://example.invalid/${chart}-99.0.0.tgz
    version: 99.0.0
  - apiVersion: v2
    created: "2025-03-01T00:00:00Z"
    digest: ${digest}
    name: ${chart}
    urls:
    - https://example.invalid/${chart}-${version}.tgz
    version: ${version}
  ${chart}-apps:
  - digest: ${"2".repeat(64)}
    name: ${chart}-apps
    version: ${version}
generated: "2025-03-01T00:00:00Z"
`;
}

/** Builds the fake download site; `corrupt` names an artifact whose bytes no longer match its checksum. */
export function buildDownloads(root: string, workDir: string, corrupt?: "k3s" | "argo-cd-chart") {
  const k3sBase = "github.com/k3s-io/k3s/releases/download/v1.32.2%2Bk3s1";
  const ssBase = "github.com/bitnami-labs/sealed-secrets/releases/download";
  const k3sBinary = readFileSync(FAKE_TOOL);
  const helmFake = join(workDir, "helm");
  const kubesealFake = join(workDir, "kubeseal");
  copyFileSync(FAKE_TOOL, helmFake);
  copyFileSync(FAKE_TOOL, kubesealFake);
  const kubesealSums: string[] = [];
  for (const arch of ARCHES) {
    const asset = arch === "amd64" ? "k3s" : "k3s-arm64";
    put(
      root,
      `${k3sBase}/${asset}`,
      corrupt === "k3s" ? Buffer.concat([k3sBinary, Buffer.from("#")]) : k3sBinary,
    );
    put(
      root,
      `${k3sBase}/sha256sum-${arch}.txt`,
      `${sha256(k3sBinary)}  ${asset}\n${"3".repeat(64)}  k3s-images.txt\n`,
    );
    const helmTgz = `helm-v3.17.1-linux-${arch}.tar.gz`;
    const helm = put(root, `get.helm.sh/${helmTgz}`, tarball(workDir, { [`linux-${arch}/helm`]: helmFake }));
    put(root, `get.helm.sh/${helmTgz}.sha256sum`, `${sha256(helm)}  ${helmTgz}\n`);
    const kubesealTgz = `kubeseal-0.28.0-linux-${arch}.tar.gz`;
    const kubeseal = put(
      root,
      `${ssBase}/v0.28.0/${kubesealTgz}`,
      tarball(workDir, { kubeseal: kubesealFake }),
    );
    kubesealSums.push(`${sha256(kubeseal)}  ${kubesealTgz}`);
  }
  put(root, `${ssBase}/v0.28.0/sealed-secrets_0.28.0_checksums.txt`, `${kubesealSums.join("\n")}\n`);

  const charts = [
    {
      name: "argo-cd",
      version: "7.8.28",
      repo: "argoproj.github.io/argo-helm",
      url: "github.com/argoproj/argo-helm/releases/download/argo-cd-7.8.28/argo-cd-7.8.28.tgz",
    },
    {
      name: "sealed-secrets",
      version: "2.17.1",
      repo: "bitnami-labs.github.io/sealed-secrets",
      url: `${ssBase}/helm-v2.17.1/sealed-secrets-2.17.1.tgz`,
    },
  ];
  for (const chart of charts) {
    const chartYaml = put(
      workDir,
      `${chart.name}/Chart.yaml`,
      `apiVersion: v2\nname: ${chart.name}\nversion: ${chart.version}\n`,
    );
    const archive = put(
      root,
      chart.url,
      tarball(workDir, { [`${chart.name}/Chart.yaml`]: join(workDir, `${chart.name}/Chart.yaml`) }),
    );
    const digest =
      corrupt === "argo-cd-chart" && chart.name === "argo-cd" ? sha256(chartYaml) : sha256(archive);
    put(root, `${chart.repo}/index.yaml`, chartIndex(chart.name, chart.version, digest));
  }
}

/** Content, mode and mtime of every entry under root, to prove a re-run touched nothing. */
export function snapshot(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      const key = relative(root, path);
      if (stat.isDirectory()) {
        result[key] = `dir ${stat.mode.toString(8)}`;
        walk(path);
      } else if (stat.isSymbolicLink()) {
        result[key] = `link ${readlinkSync(path)}`;
      } else {
        result[key] = `${sha256(readFileSync(path))} ${stat.mode.toString(8)} ${stat.mtimeMs}`;
      }
    }
  };
  walk(root);
  return result;
}
