import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FAKE_TOOL, REPO_ROOT, sha256 } from "../test-kit/setup-k3s-fixtures";
import { readPinnedVersions } from "./join-node";

// CI's `sh infrastructure/bootstrap/install-kubectl.sh DEST`, against the bootstrap's stand-in curl
// serving a fake dl.k8s.io from a folder.
const SCRIPT = join(REPO_ROOT, "infrastructure/bootstrap/install-kubectl.sh");
const VERSION = readPinnedVersions().KUBECTL_VERSION ?? "";
const base = mkdtempSync(join(tmpdir(), "pp-install-kubectl-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let counter = 0;

const sandbox = (published: "matching" | "other" | "missing", arch = "x86_64") => {
  const dir = join(base, `case-${++counter}`);
  const bin = join(dir, "bin");
  const dest = join(dir, "dest");
  const release = join(
    dir,
    "dl",
    "dl.k8s.io",
    "release",
    VERSION,
    "bin",
    "linux",
    arch === "x86_64" ? "amd64" : "arm64",
  );
  for (const path of [bin, dest, release, join(dir, "tmp")]) mkdirSync(path, { recursive: true });
  for (const tool of ["curl", "uname"]) symlinkSync(FAKE_TOOL, join(bin, tool));
  const binary = `#!/bin/sh\necho "kubectl ${VERSION} stand-in"\n`;
  if (published !== "missing") {
    writeFileSync(join(release, "kubectl"), binary);
    writeFileSync(
      join(release, "kubectl.sha256"),
      published === "matching" ? sha256(binary) : "0".repeat(64),
    );
  }
  const log = join(dir, "calls.log");
  writeFileSync(log, "");
  // The real offline pins name the real binaries; a stand-in is pinned by its own checksum unless
  // a case says otherwise (`pinned: false` keeps versions.env's real pins).
  const standInPins = { KUBECTL_SHA256_AMD64: sha256(binary), KUBECTL_SHA256_ARM64: sha256(binary) };
  const run = (env: Record<string, string> = {}, pinned = true) => {
    const result = spawnSync("sh", [SCRIPT, dest], {
      env: {
        ...(pinned ? standInPins : {}),
        PATH: `${bin}:${process.env.PATH}`,
        TMPDIR: join(dir, "tmp"),
        FAKE_LOG: log,
        FAKE_DOWNLOADS: join(dir, "dl"),
        FAKE_UNAME_M: arch,
        ...env,
      },
      encoding: "utf8",
      timeout: 30_000,
    });
    return { ...result, calls: readFileSync(log, "utf8").split("\n").filter(Boolean) };
  };
  return { run, installed: join(dest, "kubectl"), binary, tmp: join(dir, "tmp") };
};

describe("install-kubectl.sh", () => {
  it("pins a kubectl version and optional per-arch checksums in versions.env", () => {
    expect(VERSION).toMatch(/^v1\.\d+\.\d+$/);
    // The same minor version as the cluster's K3s, so CI validates against what runs.
    expect(VERSION.split(".").slice(0, 2)).toEqual(
      (readPinnedVersions().K3S_VERSION ?? "").split(".").slice(0, 2),
    );
    const env = readFileSync(join(REPO_ROOT, "infrastructure/bootstrap/versions.env"), "utf8");
    // kubectl's offline pins are filled in (from the release's published kubectl.sha256 files).
    expect(env).toMatch(/^KUBECTL_SHA256_AMD64=\$\{KUBECTL_SHA256_AMD64:-[0-9a-f]{64}\}$/m);
    expect(env).toMatch(/^KUBECTL_SHA256_ARM64=\$\{KUBECTL_SHA256_ARM64:-[0-9a-f]{64}\}$/m);
  });

  it.each([
    ["x86_64", "amd64"],
    ["aarch64", "arm64"],
  ])("on %s downloads the pinned %s release, verifies it and installs it executable", (arch, asset) => {
    const box = sandbox("matching", arch);
    const result = box.run();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `verified kubectl ${VERSION} (${asset}) (sha256 ${sha256(box.binary)}, upstream + pinned)`,
    );
    expect(readFileSync(box.installed, "utf8")).toBe(box.binary);
    expect(statSync(box.installed).mode & 0o777).toBe(0o755);
    const urls = result.calls
      .filter((call) => call.startsWith("curl "))
      .map((call) => call.split(" ").at(-1));
    expect(urls).toEqual([
      `https://dl.k8s.io/release/${VERSION}/bin/linux/${asset}/kubectl.sha256`,
      `https://dl.k8s.io/release/${VERSION}/bin/linux/${asset}/kubectl`,
    ]);
  });

  it("also checks the offline pin when one is set, and accepts a matching one", () => {
    const box = sandbox("matching");
    const result = box.run({ KUBECTL_SHA256_AMD64: sha256(box.binary) });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("upstream + pinned");
  });

  it.each([
    [
      "the upstream checksum does not match",
      "other",
      {},
      /checksum mismatch for kubectl v[\d.]+ \(amd64\): upstream publishes 0{64}/,
    ],
    [
      "the offline pin does not match",
      "matching",
      { KUBECTL_SHA256_AMD64: "f".repeat(64) },
      /the pinned checksum \(versions\.env\) is f{64}/,
    ],
    [
      "the release is not there",
      "missing",
      {},
      /download failed: https:\/\/dl\.k8s\.io\/release\/.*kubectl\.sha256/,
    ],
  ] as const)("installs nothing and exits 1 when %s", (_what, published, env, message) => {
    const box = sandbox(published);
    const result = box.run(env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(box.installed)).toBe(false);
  });

  it("holds a download to versions.env's own pins: a binary that only matches upstream is refused", () => {
    const box = sandbox("matching");
    const result = box.run({}, false);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/the pinned checksum \(versions\.env\) is 4f6a959d[0-9a-f]{56}/);
    expect(existsSync(box.installed)).toBe(false);
  });

  it("refuses an architecture it has no kubectl for", () => {
    const box = sandbox("matching", "riscv64");
    const result = box.run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/CPU architecture riscv64 is not supported/);
    expect(result.calls.some((call) => call.startsWith("curl "))).toBe(false);
  });
});
