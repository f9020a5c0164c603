import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEPLOY_SUBJECT, imagesSinceLastDeploy, lastDeployedSource, main } from "./affected-apps";

// A throwaway repository replays the deploy race: X and Y pushed, X's deploy finishes first and its
// tag commit D lands on top of Y. Git is real; only Nx (no workspace here) is replaced by "nothing".
const apps = {
  api: { project: "@parametric-portal/api", root: "apps/api/" },
  "parametric-icons": { project: "@parametric-portal/parametric-icons", root: "apps/parametric-icons/" },
};
const options = (cwd: string) => ({ cwd, apps, nxProjects: () => [] });

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

const repo = () => {
  const cwd = mkdtempSync(path.join(tmpdir(), "pp-since-deploy-"));
  dirs.push(cwd);
  git(cwd, "init", "-q", "-b", "main");
  return cwd;
};

/** Commits one changed file and returns the new commit's sha. */
const change = (cwd: string, file: string, message: string) => {
  mkdirSync(path.join(cwd, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(cwd, file), `${message}\n`);
  git(cwd, "add", file);
  git(cwd, "commit", "-q", "-m", message);
  return git(cwd, "rev-parse", "HEAD");
};

/** The release job's commit, exactly as deploy.yml writes it. */
const deployCommit = (cwd: string, source: string) => {
  const file = "infrastructure/overlays/prod/kustomization.yaml";
  mkdirSync(path.join(cwd, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(cwd, file), `images: [] # ${source}\n`);
  git(cwd, "add", file);
  git(cwd, "commit", "-q", "-m", DEPLOY_SUBJECT, "-m", `Built from ${source}.`);
  return git(cwd, "rev-parse", "HEAD");
};

describe("imagesSinceLastDeploy", () => {
  it("ships Y when X's deploy commit landed on top of Y (the base is the built source, not the tag commit)", () => {
    const cwd = repo();
    const p = change(cwd, "apps/api/src/a.ts", "P");
    deployCommit(cwd, p);
    const x = change(cwd, "apps/api/src/b.ts", "X: api");
    const y = change(cwd, "apps/parametric-icons/src/c.ts", "Y: icons");
    // X's deploy built from its base P: api only.
    expect(imagesSinceLastDeploy("main", x, options(cwd))).toEqual(["api"]);
    deployCommit(cwd, x);
    expect(lastDeployedSource("main", cwd)).toBe(x);
    // Y's deploy: the tag commit contains Y, but no image was built from Y yet.
    expect(imagesSinceLastDeploy("main", y, options(cwd))).toEqual(["parametric-icons"]);
  });

  it("builds nothing for a head the last deploy already contains (deploys finished out of order)", () => {
    const cwd = repo();
    const p = change(cwd, "apps/api/src/a.ts", "P");
    deployCommit(cwd, p);
    const x = change(cwd, "apps/api/src/b.ts", "X: api");
    const y = change(cwd, "apps/parametric-icons/src/c.ts", "Y: icons");
    expect(imagesSinceLastDeploy("main", y, options(cwd))).toEqual(["api", "parametric-icons"]);
    deployCommit(cwd, y);
    expect(imagesSinceLastDeploy("main", x, options(cwd))).toEqual([]);
    expect(imagesSinceLastDeploy("main", y, options(cwd))).toEqual([]);
  });

  it("builds every image without a deploy commit, or when its Built from line is missing or unknown", () => {
    const cwd = repo();
    const p = change(cwd, "apps/api/src/a.ts", "P");
    expect(lastDeployedSource("main", cwd)).toBeUndefined();
    expect(imagesSinceLastDeploy("main", p, options(cwd))).toEqual(["api", "parametric-icons"]);
    change(cwd, "infrastructure/x.yaml", DEPLOY_SUBJECT);
    expect(lastDeployedSource("main", cwd)).toBeUndefined();
    deployCommit(cwd, "0123456789abcdef0123456789abcdef01234567");
    expect(lastDeployedSource("main", cwd)).toBeUndefined();
    expect(imagesSinceLastDeploy("main", p, options(cwd))).toEqual(["api", "parametric-icons"]);
  });

  it("builds nothing for docs-only changes since the built source", () => {
    const cwd = repo();
    const p = change(cwd, "apps/api/src/a.ts", "P");
    deployCommit(cwd, p);
    const docs = change(cwd, "docs/operations.md", "docs");
    expect(imagesSinceLastDeploy("main", docs, options(cwd))).toEqual([]);
  });
});

describe("affected-apps --since-deploy", () => {
  it("refuses --since-deploy together with --base", () => {
    expect(() => main(["--since-deploy", "origin/main", "--base", "HEAD"])).toThrow(
      /--since-deploy or --base, not both/,
    );
  });
});
