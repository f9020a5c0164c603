import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialAssetSizes } from "../bench/web";
import { run } from "./support/processes";

const APP = path.resolve(import.meta.dirname, "../apps/parametric-icons");
/** What index.html may load before anything else; everything rarely used loads on demand. */
const INITIAL_JS_BUDGET_BYTES = 120 * 1024;

let outDir = "";

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "pp-icons-bundle-"));
  await run(
    path.join(APP, "node_modules/.bin/vite"),
    ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's larger development build.
    { cwd: APP, env: { ...process.env, NODE_ENV: "production" } },
  );
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("the built web app", () => {
  it(`loads at most ${INITIAL_JS_BUDGET_BYTES / 1024} KiB of gzipped JavaScript up front`, async () => {
    const { jsGzipBytes } = await initialAssetSizes(outDir);
    expect(jsGzipBytes).toBeGreaterThan(0);
    expect(jsGzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it("paints a shell without script and starts the session request with the entry chunk", async () => {
    const html = await readFile(path.join(outDir, "index.html"), "utf8");
    // Built with whatever VITE_API_URL the environment has; the default API is cross-origin.
    expect(html).toMatch(/<link rel="preconnect" href="https?:\/\/[^"/]+" \/>/);
    expect(html).toMatch(
      /<link rel="preload" href="[^"]+\/auth\/me" as="fetch" crossorigin="use-credentials" \/>/,
    );
    expect(html).toMatch(
      /<div id="root"><main [^>]*aria-busy="true"><p>Restoring your session…<\/p><\/main><\/div>/,
    );
  });

  it("leaves the schema library out: the web app takes only types and plain constants from contracts", async () => {
    const assets = path.join(outDir, "assets");
    const scripts = (await readdir(assets)).filter((f) => f.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    // TypeBox registers its schema kinds as Symbol.for("TypeBox.Kind") and friends.
    const withTypeBox: string[] = [];
    for (const file of scripts)
      if ((await readFile(path.join(assets, file), "utf8")).includes("TypeBox.")) withTypeBox.push(file);
    expect(withTypeBox).toEqual([]);
  });
});
