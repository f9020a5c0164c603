import { type Database, openDatabase } from "@parametric-portal/database/client";
import { openMigratedTestDatabase, testServer } from "@parametric-portal/test-support/database";
import { TcpProxy } from "@parametric-portal/test-support/tcp-proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../app";
import { loadConfig } from "../config";
import { createLogger } from "./logger";

/** What the limits do when PostgreSQL cannot be reached: shared route limits fail closed. */
describe("rate limits without the database", () => {
  const proxy = new TcpProxy(testServer.host, testServer.port);
  let database: Database;
  let app: App;
  let closeDatabase: () => Promise<void>;

  beforeAll(async () => {
    const created = await openMigratedTestDatabase("postgres", "rlclosed");
    closeDatabase = created.close;
    const port = await proxy.start();
    database = await openDatabase({ ...created.config, port, queryTimeoutMs: 2_000 });
    app = await buildApp(loadConfig({ NODE_ENV: "test" }), { database, logger: createLogger("silent") });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await proxy.stop();
    await closeDatabase?.();
  });

  const signIn = () =>
    app.inject({ method: "POST", url: "/api/auth/dev/sign-in", payload: { email: "closed@example.test" } });

  it("refuse routes with a shared limit (503, retry later), keep health and in-memory limits working", async () => {
    expect((await signIn()).statusCode).toBe(200);
    await proxy.stop();
    try {
      const refused = await signIn();
      expect(refused.statusCode).toBe(503);
      expect(refused.json()).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
      expect(refused.headers["retry-after"]).toBe("5");
      expect(refused.headers["x-request-id"]).toBeDefined();
      expect((await app.inject({ method: "GET", url: "/api/health/liveness" })).statusCode).toBe(200);
      // The global limit lives in memory: a route without its own limit still answers for itself
      // (signed out, no database needed), counted but not refused by the limiter.
      const me = await app.inject({ method: "GET", url: "/api/auth/me" });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toEqual({ user: null });
      expect(me.headers["x-ratelimit-limit"]).toBe("600");
    } finally {
      await proxy.start();
    }
    expect((await signIn()).statusCode).toBe(200);
  });
});
