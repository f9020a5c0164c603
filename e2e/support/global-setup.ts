import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { run } from "./processes";

/**
 * The API URL the shared build is made with. `.invalid` never resolves, so a file served without
 * its substitution fails loudly instead of reaching another test's API.
 */
export const API_URL_PLACEHOLDER = "http://pp-e2e-api.invalid/api";

const APP = path.resolve(import.meta.dirname, "../../apps/parametric-icons");

declare module "vitest" {
  export interface ProvidedContext {
    /** The web app built once for this run, its API URL left as `API_URL_PLACEHOLDER`. */
    webAppDir: string;
  }
}

/**
 * One `vite build` for the whole e2e run instead of one per test file: on two cores each build
 * costs tens of seconds. Each file's static server puts its own API's URL in place of the
 * placeholder as it serves the files (see web-app.ts), so every file still gets its own API.
 */
export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(path.join(tmpdir(), "pp-icons-e2e-"));
  try {
    await run(
      path.join(APP, "node_modules/.bin/vite"),
      ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
      // The production build users get (docs/architecture.md#testing-strategy); Vitest's own
      // NODE_ENV=test would make Vite bundle React's development build instead.
      { cwd: APP, env: { ...process.env, NODE_ENV: "production", VITE_API_URL: API_URL_PLACEHOLDER } },
    );
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  project.provide("webAppDir", outDir);
  return async () => {
    await rm(outDir, { recursive: true, force: true });
  };
}
