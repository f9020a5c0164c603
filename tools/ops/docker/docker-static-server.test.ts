import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  containerEnv,
  freePort,
  type Running,
  repoRoot,
  start,
  waitForUrl,
} from "../test-kit/docker-bundle-harness";

// The web image's static server on a hand-made site, to pin the cache rules for every kind of file.
const serverDir = path.join(repoRoot, "apps/parametric-icons/server");
let site: string;
let base: string;
let server: Running;

beforeAll(async () => {
  site = mkdtempSync(path.join(tmpdir(), "pp-site-"));
  mkdirSync(path.join(site, "assets"));
  mkdirSync(path.join(site, "docs"));
  const files: Record<string, string> = {
    "index.html": "<!doctype html><title>app</title>",
    "docs/index.html": "<!doctype html><title>docs</title>",
    "sw.js": "self.addEventListener('fetch', () => {});",
    "robots.txt": "User-agent: *\n",
    "assets/index-AbCd3f12.js": "console.log('hashed');",
    "assets/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "assets/index-AbCd3f12.js.map": '{"version":3}',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(site, name), content);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = start(serverDir, ["serve.mjs"], containerEnv({ PORT: String(port), STATIC_ROOT: site }));
  await waitForUrl(`${base}/healthz`, server);
});

afterAll(async () => {
  await server?.stop();
  rmSync(site, { recursive: true, force: true });
});

describe("static server cache rules", () => {
  it.each([
    ["/assets/index-AbCd3f12.js", "public, max-age=31536000, immutable", "text/javascript; charset=utf-8"],
    ["/assets/logo.svg", "no-cache", "image/svg+xml; charset=utf-8"],
    ["/sw.js", "no-cache", "text/javascript; charset=utf-8"],
    ["/index.html", "no-cache", "text/html; charset=utf-8"],
    ["/robots.txt", "no-cache", "text/plain; charset=utf-8"],
  ])("%s: %s", async (urlPath, cacheControl, contentType) => {
    const response = await fetch(`${base}${urlPath}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(cacheControl);
    expect(response.headers.get("content-type")).toBe(contentType);
  });

  it("serves a folder's index.html and falls back to the app shell for unknown routes", async () => {
    expect(await (await fetch(`${base}/docs/`)).text()).toContain("<title>docs</title>");
    expect(await (await fetch(`${base}/settings/profile`)).text()).toContain("<title>app</title>");
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(404);
  });

  it("sends no encoding when no pre-compressed variant exists", async () => {
    const response = await fetch(`${base}/assets/index-AbCd3f12.js`, {
      headers: { "Accept-Encoding": "br, gzip" },
    });
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(await response.text()).toBe("console.log('hashed');");
  });

  it("answers HEAD without a body", async () => {
    const response = await fetch(`${base}/index.html`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("33");
    expect(await response.text()).toBe("");
  });
});

// Runs last: it rewrites files on disk. Inside the image they never change; rewriting them here
// shows where each answer comes from.
describe("static server memory", () => {
  it("answers small files from memory read at start-up and source maps from disk", async () => {
    writeFileSync(path.join(site, "assets/index-AbCd3f12.js"), "console.log('edited');");
    writeFileSync(path.join(site, "assets/index-AbCd3f12.js.map"), '{"version":4}');
    expect(await (await fetch(`${base}/assets/index-AbCd3f12.js`)).text()).toBe("console.log('hashed');");
    expect(await (await fetch(`${base}/assets/index-AbCd3f12.js.map`)).text()).toBe('{"version":4}');
  });
});
