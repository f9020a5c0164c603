import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { healthcheckCommand } from "@parametric-portal/policies/dockerfile-rules";
import { within } from "@parametric-portal/test-support/deadline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildImageFolder,
  containerEnv,
  freePort,
  type Running,
  repoRoot,
  start,
  waitForUrl,
} from "../test-kit/docker-bundle-harness";

// The web image's /app, built by the Dockerfile's own script, served by `node serve.mjs` as in the image.
const API_URL = "https://api.bundle-test.example";
let app: string;
let base: string;
let server: Running;
let script: string;

beforeAll(async () => {
  app = buildImageFolder("parametric-icons", { VITE_API_URL: API_URL });
  // The entry chunk index.html loads (the app is split into chunks loaded on demand).
  const html = readFileSync(path.join(app, "public/index.html"), "utf8");
  script = html.match(/<script type="module"[^>]* src="\/assets\/([^"]+\.js)"/)?.[1] ?? "";
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = start(app, ["serve.mjs"], containerEnv({ PORT: String(port), NODE_ENV: "production" }));
  await waitForUrl(`${base}/healthz`, server);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  if (app) rmSync(path.dirname(app), { recursive: true, force: true });
});

const get = (urlPath: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${urlPath}`, { headers });
// fetch() decodes br/gzip bodies itself, so a body equal to the original file proves the variant is right.
const decoded = async (urlPath: string, encoding: string) => {
  const response = await get(urlPath, { "Accept-Encoding": encoding });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
};

describe("web app image bundle", () => {
  it("holds the server, the built app with the API URL baked in, and no node_modules", () => {
    expect(existsSync(path.join(app, "node_modules"))).toBe(false);
    expect(existsSync(path.join(app, "serve.mjs"))).toBe(true);
    expect(script).not.toBe("");
    const chunks = readdirSync(path.join(app, "public/assets")).filter((name) => name.endsWith(".js"));
    const baked = chunks.filter((name) =>
      readFileSync(path.join(app, "public/assets", name), "utf8").includes(API_URL),
    );
    expect(baked.length).toBeGreaterThan(0);
    // A production build: no React development runtime anywhere.
    for (const name of chunks)
      expect(readFileSync(path.join(app, "public/assets", name), "utf8")).not.toContain("jsxDEV");
  });

  it("wrote .br and .gz variants at build time that decode to the original", () => {
    const file = path.join(app, "public/assets", script);
    const original = readFileSync(file);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original)).toBe(true);
    expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original)).toBe(true);
  });

  it("answers GET /healthz", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok\n");
  });

  it("serves index.html with no-cache and security headers", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain(`/assets/${script}`);
  });

  it("falls back to index.html for client-side routes, but not for missing assets", async () => {
    const route = await get("/icons/new?x=1");
    expect(route.status).toBe(200);
    expect(route.headers.get("cache-control")).toBe("no-cache");
    expect(await route.text()).toContain('<div id="root">');
    const missing = await get("/assets/missing-abcdefgh.js");
    expect(missing.status).toBe(404);
  });

  it("caches hashed assets for a year, immutably", async () => {
    const response = await get(`/assets/${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("sends the pre-compressed variant the client accepts, preferring brotli", async () => {
    const original = readFileSync(path.join(app, "public/assets", script));
    const brotli = await decoded(`/assets/${script}`, "gzip, deflate, br");
    expect(brotli.response.headers.get("content-encoding")).toBe("br");
    expect(brotli.response.headers.get("vary")).toBe("Accept-Encoding");
    expect(brotli.body.equals(original)).toBe(true);
    const gzip = await decoded(`/assets/${script}`, "gzip, br;q=0");
    expect(gzip.response.headers.get("content-encoding")).toBe("gzip");
    expect(gzip.body.equals(original)).toBe(true);
    const identity = await decoded(`/assets/${script}`, "identity");
    expect(identity.response.headers.get("content-encoding")).toBeNull();
    expect(Number(identity.response.headers.get("content-length"))).toBe(original.length);
  });

  it("answers a matching ETag with 304", async () => {
    const first = await get(`/assets/${script}`, { "Accept-Encoding": "identity" });
    const etag = first.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    const again = await get(`/assets/${script}`, { "Accept-Encoding": "identity", "If-None-Match": etag });
    expect(again.status).toBe(304);
  });

  it("refuses other methods, bad encodings and path traversal", async () => {
    expect((await fetch(`${base}/`, { method: "POST" })).status).toBe(405);
    expect((await get("/%E0%A4%A")).status).toBe(400);
    const traversal = await get("/..%2f..%2fserve.mjs");
    expect(await traversal.text()).not.toContain("createServer");
  });
});

describe("static server process", () => {
  it("rejects a bad PORT with a clear message", async () => {
    const bad = start(app, ["serve.mjs"], containerEnv({ PORT: "eighty" }));
    expect(await within(bad.exited, 10_000, "serve.mjs to refuse PORT=eighty")).toBe(1);
    expect(bad.output()).toContain('PORT must be a whole number from 1 to 65535 (got "eighty")');
  });

  it("passes the image's HEALTHCHECK while up, exits 0 on SIGTERM, then fails it", async () => {
    const port = await freePort();
    const env = containerEnv({ PORT: String(port) });
    const probe = healthcheckCommand(
      readFileSync(path.join(repoRoot, "apps/parametric-icons/Dockerfile"), "utf8"),
    );
    const own = start(app, ["serve.mjs"], env);
    await waitForUrl(`http://127.0.0.1:${port}/healthz`, own);
    expect(spawnSync("sh", ["-c", probe], { env, timeout: 10_000 }).status).toBe(0);
    expect(await own.stop()).toBe(0);
    expect(spawnSync("sh", ["-c", probe], { env, timeout: 10_000 }).status).not.toBe(0);
  });
});
