import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./docker-bundle-harness";
import { contextFiles, runStage } from "./dockerfile-build-stage";

// No Docker engine here: run each Dockerfile's build stage as Docker would, from the filtered
// build context in an empty folder (no node_modules), with the pnpm store as the cache mount.
const store = execFileSync("pnpm", ["store", "path"], { cwd: repoRoot, encoding: "utf8" }).trim();
const scratch = mkdtempSync(path.join(tmpdir(), "pp-docker-stage-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const buildStage = (image: string) => {
  const workdir = path.join(scratch, image, "repo");
  const out = path.join(scratch, image, "out");
  const ran = runStage({
    dockerfile: path.join(repoRoot, `apps/${image}/Dockerfile`),
    stage: "build",
    contextRoot: repoRoot,
    workdir,
    paths: { "/pnpm/store": store, "/out": out },
    // This machine has pnpm already; dockerfile-rules.test.ts checks the image installs the same version.
    skip: (command) => command.startsWith("npm install --global --no-audit --no-fund pnpm@"),
    // Tests never reach a registry: the store must already hold everything the lockfile names.
    rewrite: (command) => command.replace(/^pnpm fetch /, "pnpm fetch --offline "),
    env: { VITE_API_URL: undefined },
  });
  return { ran, out, workdir };
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
      "tools/ops/src/docker-bundle-api.sh",
    ]) {
      expect(files, file).toContain(file);
    }
  });

  it("leaves out dependencies, build output, git data, tests and secrets", () => {
    const leaked = files.filter((file) =>
      /(^|\/)(node_modules|dist|\.git)\/|\.test\.tsx?$|(^|\/)\.env(\.|$)|^(docs|infrastructure|e2e)\//.test(
        file,
      ),
    );
    expect(leaked).toEqual([]);
  });
});

describe("Dockerfile build stages, run without Docker", () => {
  it("builds the API bundle from a clean context", () => {
    const { ran, out, workdir } = buildStage("api");
    expect(ran[0]).toBe(`pnpm fetch --offline --store-dir ${store}`);
    expect(ran.at(-1)).toBe(`sh tools/ops/src/docker-bundle-api.sh ${out}`);
    expect(readdirSync(workdir)).not.toContain("infrastructure");
    for (const file of ["dist/main.mjs", "dist/migrate.mjs", "dist/migrations/0001_init.sql"]) {
      expect(existsSync(path.join(out, file)), file).toBe(true);
    }
  }, 300_000);

  it("builds the web app with the Dockerfile's default VITE_API_URL", () => {
    const { out } = buildStage("parametric-icons");
    expect(existsSync(path.join(out, "serve.mjs"))).toBe(true);
    const assets = readdirSync(path.join(out, "public/assets"));
    const script = assets.find((name) => name.endsWith(".js")) ?? "";
    expect(assets).toContain(`${script}.br`);
    expect(readFileSync(path.join(out, "public/assets", script), "utf8")).toContain(
      "http://localhost:4000/api",
    );
  }, 300_000);
});
