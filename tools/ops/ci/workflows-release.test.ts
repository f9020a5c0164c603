import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseWorkflow } from "@parametric-portal/policies/workflows-rules";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "../test-kit/docker-bundle-harness";

// The deploy workflow's tag-commit step, run as GitHub runs it (bash) against a local bare
// repository standing in for GitHub, with main moved on by someone else in between.
const deploy = parseWorkflow(readFileSync(path.join(repoRoot, ".github/workflows/deploy.yml"), "utf8"));
const step = deploy.jobs.release?.steps?.find((s) => s.run?.includes("deploy: update tags"));
const kustomization = String(deploy.env?.KUSTOMIZATION);
const devKustomization = String(deploy.env?.DEV_KUSTOMIZATION);

const overlay = `# Production overlay
images:
  - name: ghcr.io/parametric-portal/api
    newTag: sha-0000000 # set by deploy
  - name: ghcr.io/parametric-portal/parametric-icons
    newTag: sha-0000000
`;

// Dev runs only the api here: the icons tag must be left out, not refused.
const devOverlay = `# Development
images:
  - name: ghcr.io/parametric-portal/api
    newTag: sha-0000000
`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();

/** origin (bare, on main) with the overlay, and a checkout of it wired to this repository's tools. */
const setup = (dev: string | null = devOverlay) => {
  const root = mkdtempSync(path.join(tmpdir(), "pp-release-"));
  dirs.push(root);
  const origin = path.join(root, "origin.git");
  const seed = path.join(root, "seed");
  git(root, "init", "-q", "--bare", "-b", "main", origin);
  git(root, "clone", "-q", origin, seed);
  mkdirSync(path.join(seed, path.dirname(kustomization)), { recursive: true });
  writeFileSync(path.join(seed, kustomization), overlay);
  if (dev !== null) {
    mkdirSync(path.join(seed, path.dirname(devKustomization)), { recursive: true });
    writeFileSync(path.join(seed, devKustomization), dev);
  }
  writeFileSync(path.join(seed, "package.json"), '{ "name": "release-test", "private": true }\n');
  writeFileSync(path.join(seed, ".gitignore"), "tools\nnode_modules\n");
  git(seed, "add", ".");
  git(seed, "commit", "-q", "-m", "seed");
  git(seed, "push", "-q", "origin", "HEAD:main");
  const checkout = path.join(root, "checkout");
  git(root, "clone", "-q", "-b", "main", origin, checkout);
  symlinkSync(path.join(repoRoot, "tools"), path.join(checkout, "tools"));
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(checkout, "node_modules"));
  return { seed, checkout, origin };
};

const runStep = (cwd: string, images: string[], tag: string) =>
  spawnSync("bash", ["-e", "-c", step?.run ?? "exit 99"], {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      IMAGES: JSON.stringify(images),
      TAG: tag,
      SOURCE_SHA: "0123456789abcdef0123456789abcdef01234567",
      KUSTOMIZATION: kustomization,
      DEV_KUSTOMIZATION: devKustomization,
      GITHUB_REPOSITORY_OWNER: "Parametric-Portal",
    },
  });

describe("deploy workflow: tag commit step", () => {
  it("commits 'deploy: update tags' on top of a main that moved meanwhile, then finds nothing to do", () => {
    const { seed, checkout, origin } = setup();
    // Someone pushes while the images build: the step's first push is rejected.
    writeFileSync(path.join(seed, "README.md"), "moved on\n");
    git(seed, "add", "README.md");
    git(seed, "commit", "-q", "-m", "docs: meanwhile");
    git(seed, "push", "-q", "origin", "HEAD:main");

    const first = runStep(checkout, ["api"], "sha-abc1234");
    expect(first.status, first.stderr).toBe(0);
    expect(git(origin, "log", "--format=%s", "main")).toBe("deploy: update tags\ndocs: meanwhile\nseed");
    const deployed = git(origin, "show", `main:${kustomization}`);
    expect(deployed).toContain("newTag: sha-abc1234 # set by deploy");
    expect(deployed.match(/sha-0000000/g)).toHaveLength(1);

    const again = runStep(checkout, ["api"], "sha-abc1234");
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("already has these tags");
    expect(git(origin, "rev-list", "--count", "main")).toBe("3");
  }, 60_000);

  it("gives the dev overlay the same tags for the images it lists, in the same commit", () => {
    const { checkout, origin } = setup();
    const result = runStep(checkout, ["api", "parametric-icons"], "sha-abc1234");
    expect(result.status, result.stderr).toBe(0);
    const dev = git(origin, "show", `main:${devKustomization}`);
    expect(`${dev}\n`).toBe(devOverlay.replace("sha-0000000", "sha-abc1234"));
    expect(git(origin, "show", `main:${kustomization}`).match(/sha-abc1234/g)).toHaveLength(2);
    expect(
      git(origin, "show", "--name-only", "--format=%s", "main").split("\n").filter(Boolean).sort(),
    ).toEqual(["deploy: update tags", devKustomization, kustomization].sort());
  }, 60_000);

  it("leaves a dev overlay without an images list (or none at all) alone", () => {
    for (const dev of ["# Development without images\nresources: []\n", null]) {
      const { checkout, origin } = setup(dev);
      const result = runStep(checkout, ["api"], "sha-abc1234");
      expect(result.status, result.stderr).toBe(0);
      expect(git(origin, "show", "--name-only", "--format=", "main")).toBe(kustomization);
    }
  }, 60_000);
});
