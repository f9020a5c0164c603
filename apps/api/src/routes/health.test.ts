import { type Database, openDatabase } from "@parametric-portal/database/client";
import { createTestDatabase, testServer } from "@parametric-portal/test-support/database";
import { TcpProxy } from "@parametric-portal/test-support/tcp-proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../app";
import { loadConfig } from "../config";
import { createLogger } from "../http/logger";

describe("health", () => {
  const proxy = new TcpProxy(testServer.host, testServer.port);
  let database: Database;
  let app: App;
  let drop: () => Promise<void>;
  const lifecycle = { draining: false };

  beforeAll(async () => {
    const created = await createTestDatabase("health");
    drop = created.drop;
    const port = await proxy.start();
    database = await openDatabase({ ...created.config, port });
    app = await buildApp(loadConfig({ NODE_ENV: "test" }), {
      database,
      logger: createLogger("silent"),
      lifecycle,
    });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await proxy.stop();
    await drop();
  });

  const get = (url: string) => app.inject({ method: "GET", url });

  it("readiness turns 503 while the database is unreachable and 200 again once it is back, without a restart", async () => {
    expect((await get("/api/health/readiness")).statusCode).toBe(200);
    await proxy.stop();
    const down = await get("/api/health/readiness");
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: "unavailable", checks: { database: "unreachable" } });
    expect((await get("/api/health/liveness")).statusCode).toBe(200);
    await proxy.start();
    const up = await get("/api/health/readiness");
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ status: "ok", checks: { database: "ok" } });
  });

  it("readiness is 503 while draining; liveness stays 200", async () => {
    lifecycle.draining = true;
    try {
      expect((await get("/api/health/readiness")).json()).toEqual({
        status: "unavailable",
        checks: { server: "draining" },
      });
      expect((await get("/api/health/liveness")).statusCode).toBe(200);
    } finally {
      lifecycle.draining = false;
    }
  });

  it("probes skip the rate limiter, CORS and the browser headers but carry a request id", async () => {
    const icons = await app.inject({
      method: "GET",
      url: "/api/icons",
      headers: { origin: "http://localhost:3001" },
    });
    // A limited route, for contrast: the limiter, CORS and the security headers answer there.
    expect(icons.headers["x-ratelimit-limit"]).toBeDefined();
    expect(icons.headers["access-control-allow-origin"]).toBe("http://localhost:3001");
    expect(icons.headers["x-content-type-options"]).toBe("nosniff");
    for (const url of ["/api/health/liveness", "/api/health/readiness"]) {
      const probe = await app.inject({ method: "GET", url, headers: { origin: "http://localhost:3001" } });
      expect(probe.statusCode).toBe(200);
      expect(probe.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(probe.headers["content-type"]).toBe("application/json; charset=utf-8");
      for (const header of [
        "x-ratelimit-limit",
        "access-control-allow-origin",
        "set-cookie",
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
      ]) {
        expect(probe.headers[header], `${url} ${header}`).toBeUndefined();
      }
    }
  });

  it("answers every response with a request id, echoing a well-formed incoming one", async () => {
    const own = await get("/api/health/liveness");
    expect(own.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await app.inject({
      method: "GET",
      url: "/api/health/liveness",
      headers: { "x-request-id": "trace-12345678" },
    });
    expect(echoed.headers["x-request-id"]).toBe("trace-12345678");
    const refused = await app.inject({
      method: "GET",
      url: "/api/health/liveness",
      headers: { "x-request-id": "<script>" },
    });
    expect(refused.headers["x-request-id"]).not.toBe("<script>");
  });

  it("serves the OpenAPI document and the docs UI under /api/docs", async () => {
    const spec = await get("/api/docs/json");
    expect(spec.statusCode).toBe(200);
    expect(spec.json().paths).toHaveProperty("/api/health/readiness");
    const ui = await get("/api/docs/");
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toMatch(/text\/html/);
  });

  it("answers unknown routes and malformed bodies with the JSON error shape", async () => {
    const missing = await get("/api/nope");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: "ROUTE_NOT_FOUND" });
    const bad = await app.inject({
      method: "POST",
      url: "/api/health/liveness",
      headers: { "content-type": "application/json" },
      payload: "{",
    });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(bad.json()).toHaveProperty("code");
  });

  it("allows configured origins only, with credentials", async () => {
    const allowed = await app.inject({
      method: "OPTIONS",
      url: "/api/health/liveness",
      headers: { origin: "http://localhost:3001", "access-control-request-method": "GET" },
    });
    expect(allowed.headers["access-control-allow-origin"]).toBe("http://localhost:3001");
    expect(allowed.headers["access-control-allow-credentials"]).toBe("true");
    const foreign = await app.inject({
      method: "OPTIONS",
      url: "/api/health/liveness",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("believes X-Forwarded-For only as far as TRUST_PROXY hops", async () => {
    const database2 = await openDatabase({ kind: "pglite", dataDir: undefined });
    const behindTraefik = await buildApp(loadConfig({ NODE_ENV: "test", TRUST_PROXY: "1" }), {
      database: database2,
      logger: createLogger("silent"),
    });
    const seen: string[] = [];
    behindTraefik.addHook("onRequest", async (request) => {
      seen.push(request.ip);
    });
    try {
      // A client forges the left entry; Traefik appends the address it really saw.
      await behindTraefik.inject({
        method: "GET",
        url: "/api/health/liveness",
        remoteAddress: "10.42.0.7",
        headers: { "x-forwarded-for": "1.2.3.4, 203.0.113.9" },
      });
      expect(seen).toEqual(["203.0.113.9"]);
    } finally {
      await behindTraefik.close();
      await database2.close();
    }
  });

  it("sets the security headers on every response but the probes", async () => {
    for (const url of ["/api/auth/providers", "/api/no-such-route"]) {
      const response = await get(url);
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
      expect(response.headers["content-security-policy"], url).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(response.headers["x-frame-options"], url).toBe("DENY");
      expect(response.headers["cross-origin-resource-policy"], url).toBe("same-site");
      expect(response.headers["referrer-policy"], url).toBe("no-referrer");
      // Helmet's document-only and retired headers are not on API responses.
      expect(response.headers["x-xss-protection"], url).toBeUndefined();
      expect(response.headers["x-download-options"], url).toBeUndefined();
    }
  });
});
