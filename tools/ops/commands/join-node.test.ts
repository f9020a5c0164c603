import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MISE, MISE_ENV } from "../test-kit/backup-test-kit";
import { CHILD_DEADLINE_MS } from "../test-kit/deadline";
import { readPinnedVersions } from "./join-node";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const task = (
  parseToml(readFileSync(join(REPO_ROOT, "mise.toml"), "utf8")) as { tasks: Record<string, { run: string }> }
).tasks["join-node"];

let root: string;
let token: string;

function joinNode(args: string[], ppRoot = root) {
  if (!task) throw new Error("mise.toml has no [tasks.join-node]");
  // The real `mise run join-node …`.
  return spawnSync(MISE, ["run", "join-node", ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PP_ROOT: ppRoot, ...MISE_ENV },
    encoding: "utf8",
    timeout: CHILD_DEADLINE_MS,
  });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "join-node-"));
  token = `K10${randomBytes(16).toString("hex")}::server:${randomBytes(16).toString("hex")}`;
  mkdirSync(join(root, "var/lib/rancher/k3s/server"), { recursive: true });
  writeFileSync(join(root, "var/lib/rancher/k3s/server/node-token"), `${token}\n`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("mise run join-node", () => {
  it("pins the K3s version of versions.env", () => {
    expect(readPinnedVersions().K3S_VERSION).toBe("v1.32.2+k3s1");
  });

  it("prints the pinned agent command with the token on stdout only", () => {
    const result = joinNode(["--role", "agent", "--server", "10.0.0.5"]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(
      "curl -sfL https://raw.githubusercontent.com/k3s-io/k3s/v1.32.2%2Bk3s1/install.sh | " +
        `INSTALL_K3S_VERSION='v1.32.2+k3s1' K3S_TOKEN='${token}' K3S_URL='https://10.0.0.5:6443' sh -s - agent`,
    );
    expect(result.stderr).not.toContain(token);
  });

  it("prints the server command joining the embedded etcd", () => {
    const result = joinNode(["--role", "server", "--server", "https://k3s.example.org:6443"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `K3S_TOKEN='${token}' sh -s - server --server 'https://k3s.example.org:6443'`,
    );
    expect(result.stdout).toContain("INSTALL_K3S_VERSION='v1.32.2+k3s1'");
    expect(result.stderr).toContain("odd number of servers");
    expect(result.stderr).not.toContain(token);
  });

  it("rejects a missing or unknown role and a missing token file", () => {
    expect(joinNode([]).status).toBe(2);
    const wrongRole = joinNode(["--role", "master"]);
    expect(wrongRole.status).toBe(2);
    expect(wrongRole.stderr).toContain('--role must be "server"');
    const noToken = joinNode(["--role", "agent", "--server", "10.0.0.5"], join(root, "elsewhere"));
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toContain("node-token: run this as root on the first server");
    expect(noToken.stdout).toBe("");
  });
});
