import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkBuildStage, contextFiles } from "./dockerfile-build-stage";

// The bundles themselves are built by tools/ops/docker/docker-*-bundle.test.ts from the same
// scripts; here each Dockerfile's build stage is checked against the workspace without running it.
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const IMAGES = ["api", "parametric-icons"] as const;
const dockerfileOf = (image: string) => path.join(repoRoot, `apps/${image}/Dockerfile`);
const read = (relative: string) => readFileSync(path.join(repoRoot, relative), "utf8");

const check = (image: string, overrides: Record<string, string> = {}) =>
  checkBuildStage({ dockerfile: dockerfileOf(image), stage: "build", contextRoot: repoRoot, overrides });

/** The Dockerfile with `from` replaced by `to`; fails if `from` is not there, so a mutation cannot go stale. */
const mutated = (image: string, from: string | RegExp, to: string) => {
  const relative = `apps/${image}/Dockerfile`;
  const text = read(relative);
  expect(text).toMatch(from);
  return { [relative]: text.replace(from, to) };
};

describe("the Docker build context", () => {
  const files = contextFiles(repoRoot);

  it("holds what the builds read", () => {
    for (const file of [
      "pnpm-lock.yaml",
      "pnpm-workspace.yaml",
      ".npmrc",
      "apps/api/build.mjs",
      "apps/parametric-icons/server/serve.mjs",
      "packages/database/migrations/0001_init.sql",
      "tools/ops/docker/docker-bundle-api.sh",
      "infrastructure/policies/package.json",
      "packages/test-support/package.json",
    ]) {
      expect(files, file).toContain(file);
    }
  });

  it("leaves out dependencies, build output, git data, tests, test support, secrets and the manifests", () => {
    const leaked = files.filter(
      (file) =>
        /(^|\/)(node_modules|dist|\.git)\/|\.test\.tsx?$|(^|\/)\.env(\.|$)|^(docs|e2e)\/|^packages\/test-support\/src\//.test(
          file,
        ) ||
        (file.startsWith("infrastructure/") && file !== "infrastructure/policies/package.json"),
    );
    expect(leaked).toEqual([]);
  });
});

describe.each(IMAGES)("the %s Dockerfile's build stage", (image) => {
  it("copies only what the context holds and runs scripts, packages and files that exist", () => {
    expect(check(image)).toEqual([]);
  });

  it("fails when a COPY source is not in the context", () => {
    const problems = check(image, mutated(image, "COPY pnpm-lock.yaml", "COPY pnpm-lock.yml"));
    expect(problems.join("\n")).toMatch(/COPY pnpm-lock\.yml is not in the build context/);
  });

  it("fails when the bundle script it runs does not exist", () => {
    const problems = check(image, mutated(image, `docker-bundle-${image}.sh`, "docker-bundle-missing.sh"));
    expect(problems.join("\n")).toMatch(
      /runs tools\/ops\/docker\/docker-bundle-missing\.sh, which the stage has not/,
    );
  });

  it("fails when the bundle runs before the sources are copied", () => {
    const problems = check(image, mutated(image, /^COPY \. \.$/m, "COPY package.json ./"));
    expect(problems.join("\n")).toMatch(/docker-bundle-.*which the stage has not copied|not in the stage/);
  });

  it("fails when .dockerignore drops what the build needs", () => {
    const ignore = `${read(".dockerignore")}\npackages/contracts\n`;
    const problems = check(image, { ".dockerignore": ignore });
    expect(problems.join("\n")).toMatch(/the lockfile installs packages\/contracts/);
  });

  it("fails when the bundle script names a package script that does not exist", () => {
    const script = `tools/ops/docker/docker-bundle-${image}.sh`;
    const text = read(script);
    expect(text).toMatch(/ build\b/);
    const problems = check(image, { [script]: text.replace(/(pnpm --filter \S+) build\b/, "$1 bulid") });
    expect(problems.join("\n")).toMatch(/has no "bulid" script/);
  });
});

it("fails when .dockerignore drops a workspace manifest that pnpm install needs", () => {
  const ignore = read(".dockerignore");
  expect(ignore).toContain("!infrastructure/policies/package.json");
  const problems = check("api", {
    ".dockerignore": ignore.replace("!infrastructure/policies/package.json", ""),
  });
  expect(problems).toContainEqual(expect.stringMatching(/the lockfile installs infrastructure\/policies/));
});

it("fails on a build-stage instruction it does not understand, rather than passing it", () => {
  const problems = check(
    "api",
    mutated("api", /^COPY \. \.$/m, "COPY . .\nADD https://example.com/x.tgz /x"),
  );
  expect(problems.join("\n")).toMatch(/ADD in a build stage is not understood/);
});

it("names the missing stage", () => {
  expect(
    checkBuildStage({ dockerfile: dockerfileOf("api"), stage: "compile", contextRoot: repoRoot }),
  ).toEqual(['apps/api/Dockerfile has no stage named "compile" (FROM … AS compile).']);
});
