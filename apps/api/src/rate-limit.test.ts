import type { Database } from "@parametric-portal/database/client";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { waitForFreshWindow } from "@parametric-portal/test-support/rate-window";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "./app";
import { loadConfig } from "./config";
import { createLogger } from "./http/logger";

/** On PGlite, the embedded default: the shared limits take the same code path there. */
let database: Database;
beforeAll(async () => {
  database = (await openMigratedTestDatabase("pglite")).database;
});
afterAll(async () => database?.close());

const withApp = async <T>(scale: string, fn: (app: App) => Promise<T>): Promise<T> => {
  const app = await buildApp(loadConfig({ NODE_ENV: "test", RATE_LIMIT_SCALE: scale }), {
    database,
    logger: createLogger("silent"),
  });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
};

// Refused attempts count too (that is what stops guessing); only every other attempt is a real
// sign-in, so the test pays for 30 of them rather than 60.
const signIn = (app: App, i: number, client: string) =>
  app.inject({
    method: "POST",
    url: "/api/auth/dev/sign-in",
    remoteAddress: client,
    payload: i % 2 === 0 ? { email: `a${i}@b.test` } : { email: "" },
  });

describe("rate limits", () => {
  it("answer 429 with the JSON error shape past a route's limit; RATE_LIMIT_SCALE raises route limits", async () => {
    // 61 + 62 requests must land in one window of the shared counter; 40 s is several times what
    // they take on a loaded machine.
    await waitForFreshWindow(database, 60_000, 40_000);
    await withApp("1", async (app) => {
      const statuses: number[] = [];
      for (let i = 0; i < 60; i += 1) statuses.push((await signIn(app, i, "198.51.100.1")).statusCode);
      expect(statuses.filter((_, i) => i % 2 === 0).every((s) => s === 200)).toBe(true);
      expect(statuses.filter((_, i) => i % 2 === 1).every((s) => s === 400)).toBe(true);
      const refused = await signIn(app, 60, "198.51.100.1");
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: "RATE_LIMITED" });
      expect(refused.headers["x-ratelimit-limit"]).toBe("60");
    });
    await withApp("2", async (app) => {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i += 1) statuses.push((await signIn(app, 1, "198.51.100.2")).statusCode);
      expect(statuses.every((s) => s === 400)).toBe(true);
      const last = await signIn(app, 1, "198.51.100.2");
      expect(last.headers["x-ratelimit-limit"]).toBe("120");
    });
  }, 120_000);
});

describe("rate limits and the session check", () => {
  it("count forged cross-site writes before the CSRF check refuses them", { timeout: 90_000 }, async () => {
    await withApp("1", async (app) => {
      const forged = () =>
        app.inject({
          method: "POST",
          url: "/api/auth/logout",
          headers: {
            origin: "https://evil.example",
            cookie: "pp_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          },
        });
      // Logout shares the sign-in limit (60 a minute per client, counted in the database).
      await waitForFreshWindow(database, 60_000, 20_000);
      const statuses: number[] = [];
      for (let i = 0; i < 61; i += 1) statuses.push((await forged()).statusCode);
      expect(statuses.slice(0, 60).every((s) => s === 403)).toBe(true);
      expect(statuses[60]).toBe(429);
    });
  });
});
