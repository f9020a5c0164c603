import { openDatabase } from "@parametric-portal/database/client";
import { migrate } from "@parametric-portal/database/migrate";
import { describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { loadConfig } from "./config";
import { createLogger } from "./http/logger";

/** Signs in repeatedly through the development sign-in, whose route limit is 60 a minute. */
const signInStatuses = async (
  scale: string,
  attempts: number,
): Promise<{ statuses: number[]; last: unknown }> => {
  const database = await openDatabase({ kind: "pglite", dataDir: undefined });
  await migrate(database);
  const app = await buildApp(loadConfig({ NODE_ENV: "test", RATE_LIMIT_SCALE: scale }), {
    database,
    logger: createLogger("silent"),
  });
  try {
    const statuses: number[] = [];
    let last: unknown;
    for (let i = 0; i < attempts; i += 1) {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/dev/sign-in",
        payload: { email: "a@b.test" },
      });
      statuses.push(response.statusCode);
      last = response.json();
    }
    return { statuses, last };
  } finally {
    await app.close();
    await database.close();
  }
};

describe("rate limits", () => {
  it("answer 429 with the JSON error shape past a route's limit; RATE_LIMIT_SCALE raises route limits", async () => {
    const normal = await signInStatuses("1", 61);
    expect(normal.statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(normal.statuses[60]).toBe(429);
    expect(normal.last).toMatchObject({ code: "RATE_LIMITED" });
    const scaled = await signInStatuses("2", 61);
    expect(scaled.statuses.every((s) => s === 200)).toBe(true);
  });
});

describe("rate limits and the session check", () => {
  it("count forged cross-site writes before the CSRF check refuses them", async () => {
    const database = await openDatabase({ kind: "pglite", dataDir: undefined });
    await migrate(database);
    const app = await buildApp(loadConfig({ NODE_ENV: "test" }), {
      database,
      logger: createLogger("silent"),
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 601; i += 1) {
        const response = await app.inject({
          method: "POST",
          url: "/api/auth/logout",
          headers: {
            origin: "https://evil.example",
            cookie: "pp_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 600).every((s) => s === 403 || s === 429)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
