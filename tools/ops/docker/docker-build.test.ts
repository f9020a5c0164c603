import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { CHILD_DEADLINE_MS } from "../test-kit/deadline";
import { buildArgs } from "./docker-build";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const script = fileURLToPath(new URL("./docker-build.ts", import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * There is no Docker engine on the test machines, so a stand-in `docker` on PATH answers the
 * probes with the given exit codes and records the build invocation (argv and working folder).
 */
const withDocker = (codes: { info: number; buildx: number } | "absent") => {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-docker-"));
  dirs.push(dir);
  const log = path.join(dir, "calls.log");
  if (codes !== "absent") {
    writeFileSync(
      path.join(dir, "docker"),
      `#!/bin/sh
if [ "$1" = info ]; then echo "Cannot connect to the Docker daemon" >&2; exit ${codes.info}; fi
if [ "$1 $2" = "buildx version" ]; then exit ${codes.buildx}; fi
echo "cwd=$(pwd)" >> "${log}"
printf '%s\\n' "$@" >> "${log}"
`,
    );
    chmodSync(path.join(dir, "docker"), 0o755);
  }
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: repoRoot,
      encoding: "utf8",
      env: { PATH: dir, HOME: dir, VITE_API_URL: "https://api.example.test" },
      timeout: CHILD_DEADLINE_MS,
    });
  return { run, calls: () => readFileSync(log, "utf8").trim().split("\n") };
};

const oneSentence = (stderr: string) => {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^docker:build: [^.]+(\.[^. ][^.]*)*\.$/);
  return lines[0];
};

describe("docker:build", () => {
  it("says in one sentence that the engine is not running when `docker info` fails", () => {
    const result = withDocker({ info: 1, buildx: 0 }).run("api");
    expect(result.status).toBe(1);
    expect(oneSentence(result.stderr)).toContain("No Docker engine is reachable");
  });

  it("says so when the docker command is not installed", () => {
    const result = withDocker("absent").run("parametric-icons");
    expect(result.status).toBe(1);
    expect(oneSentence(result.stderr)).toContain("docker command is not installed");
  });

  it("says so when Buildx is missing", () => {
    const result = withDocker({ info: 0, buildx: 1 }).run("api");
    expect(result.status).toBe(1);
    expect(oneSentence(result.stderr)).toContain("Buildx is missing");
  });

  it("rejects an unknown image name", () => {
    const result = withDocker({ info: 0, buildx: 0 }).run("web");
    expect(result.status).toBe(1);
    expect(oneSentence(result.stderr)).toContain("Usage: docker-build <api|parametric-icons>");
  });

  it("builds the API image from the repository root with its Dockerfile and dev tag", () => {
    const docker = withDocker({ info: 0, buildx: 0 });
    expect(docker.run("api").status).toBe(0);
    expect(docker.calls()).toEqual([
      `cwd=${repoRoot.replace(/\/$/, "")}`,
      ...[
        "buildx",
        "build",
        "-f",
        "apps/api/Dockerfile",
        "-t",
        "ghcr.io/parametric-portal/api:dev",
        "--load",
        ".",
      ],
    ]);
  });

  it("passes VITE_API_URL to the web app build", () => {
    const docker = withDocker({ info: 0, buildx: 0 });
    expect(docker.run("parametric-icons").status).toBe(0);
    expect(docker.calls().slice(1)).toEqual(
      buildArgs("parametric-icons", { VITE_API_URL: "https://api.example.test" }),
    );
    expect(docker.calls()).toContain("VITE_API_URL=https://api.example.test");
    expect(docker.calls()).toContain("apps/parametric-icons/Dockerfile");
  });
});
