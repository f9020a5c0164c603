import { defineConfig } from "vitest/config";

// Membership is by folder, so a new test file lands in a project without editing this file:
//   unit         packages/*/src (but database and test-support), apps/parametric-icons/src: pure code,
//                no PostgreSQL, no browser, no child processes; short timeouts keep it honest.
//   integration  apps/*/src (but parametric-icons), packages/database/src, packages/test-support/src:
//                the API, the database layer and the test servers against the local PostgreSQL.
//   ops          tools/**, infrastructure/**: mise tasks, bundles, bootstrap scripts and the
//                manifest policies (PostgreSQL, kubectl, shellcheck, child processes).
//   e2e          e2e/**: the built apps driven through Chromium.
const EXCLUDE = ["**/node_modules/**", "**/dist/**"];

export default defineConfig({
  test: {
    pool: "forks",
    // Vitest's default is one worker per core but one, so a 2-core machine ran one file at a time;
    // most integration, ops and e2e files wait on PostgreSQL, child processes or Chromium, so two
    // overlap well. Every project shares the two workers in one queue: a project of its own (a
    // `groupOrder`) would leave a core idle at the end of each group while its last file ran.
    maxWorkers: 2,
    // A worker runs file after file in one process, with the modules it has imported: a fresh
    // process per file spent more time importing (the API, Fastify, pg, React) than testing
    // (alone, integration 75 -> 41 s, ops 81 -> 69 s, unit 16 -> 9 s). Files must therefore leave
    // nothing behind: no process.env they set, no module imported under settings of their own
    // without `vi.resetModules()` first (lib/generate.test.ts), every server and process closed.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.{ts,tsx}", "apps/parametric-icons/src/**/*.test.{ts,tsx}"],
          exclude: [...EXCLUDE, "packages/database/**", "packages/test-support/**"],
          testTimeout: 5_000,
          hookTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: [
            "apps/*/src/**/*.test.{ts,tsx}",
            "packages/database/src/**/*.test.ts",
            "packages/test-support/src/**/*.test.ts",
          ],
          exclude: [...EXCLUDE, "apps/parametric-icons/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "ops",
          include: ["tools/**/*.test.ts", "infrastructure/**/*.test.ts"],
          exclude: EXCLUDE,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          exclude: EXCLUDE,
          // Builds the web app once for the run; every file's harness serves that build.
          globalSetup: ["e2e/support/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
