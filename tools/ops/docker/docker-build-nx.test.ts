// Manual §0.3 `pnpm exec nx docker:build @parametric-portal/api`, exactly, through Nx, where no
// Docker engine runs: it fails with one sentence that says why and what to do.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runShell, standIns } from "../test-kit/backup-test-kit";

const BUILD = "pnpm exec nx docker:build @parametric-portal/api";
const NX = { NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false" };

const sentences = (output: string): string[] =>
  output.split("\n").filter((line) => line.startsWith("docker:build: "));

describe("manual §0.3 docker:build through nx without a Docker engine", () => {
  it("says the engine is not reachable when the docker CLI is installed but no daemon answers", async () => {
    // The real CLI's answer when /var/run/docker.sock has no daemon; it also shadows any real docker.
    const bin = await standIns({
      docker: `#!/bin/sh\n[ "$1" = info ] || { echo "unexpected: $*" >&2; exit 2; }\necho "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2\nexit 1\n`,
    });
    const result = await runShell(BUILD, [], { ...NX, PATH: `${bin}:${process.env.PATH}` });
    expect(result.code).not.toBe(0);
    expect(sentences(result.stdout + result.stderr)).toEqual([
      "docker:build: No Docker engine is reachable (`docker info` failed): start Docker or point DOCKER_HOST at a running engine.",
    ]);
  });

  it("says the docker command is missing when it is not on PATH", async () => {
    // PATH without any folder holding a docker command.
    const withoutDocker = (process.env.PATH ?? "")
      .split(":")
      .filter((entry) => entry !== "" && !existsSync(path.join(entry, "docker")))
      .join(":");
    const result = await runShell(BUILD, [], { ...NX, PATH: withoutDocker });
    expect(result.code).not.toBe(0);
    const [sentence, ...more] = sentences(result.stdout + result.stderr);
    expect(more).toEqual([]);
    expect(sentence).toMatch(/^docker:build: .*docker command is not installed[^.]*\.$/);
  });
});
