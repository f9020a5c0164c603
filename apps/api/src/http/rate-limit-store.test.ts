import type { Database } from "@parametric-portal/database/client";
import { ENGINES, useMigratedDatabase } from "@parametric-portal/test-support/hooks";
import { waitFor } from "@parametric-portal/test-support/processes";
import { describe, expect, it } from "vitest";
import { incrementCounter, sharedRouteLimitStore, sweepRateLimitCounters } from "./rate-limit-store";

describe.each(ENGINES)("shared rate-limit counters on %s", (kind) => {
  const engine = useMigratedDatabase(kind, "ratelimit");

  const key = () => `test ${Math.random().toString(36).slice(2)}`;

  it("counts concurrent hits atomically, each key on its own", async () => {
    const k = key();
    const counted = await Promise.all(
      Array.from({ length: 25 }, () => incrementCounter(engine.database, k, 60_000)),
    );
    expect(counted.map((c) => c.current).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    for (const { ttl } of counted) {
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    expect((await incrementCounter(engine.database, key(), 60_000)).current).toBe(1);
  });

  it("starts a new count when the window ends, and the sweep deletes ended windows only", async () => {
    const k = key();
    const first = await incrementCounter(engine.database, k, 300);
    expect(first.current).toBe(1);
    // The next window starts when the first one's ttl runs out.
    await waitFor(
      async () => (await incrementCounter(engine.database, k, 300)).current === 1,
      "a new window",
      5_000,
    );
    const live = key();
    await incrementCounter(engine.database, live, 60_000);
    expect(await sweepRateLimitCounters(engine.database)).toBeGreaterThanOrEqual(1);
    const left = await engine.database.query<{ key: string }>(
      "select key from rate_limit_counters where key = any($1::text[])",
      [[k, live]],
    );
    // The short window that is still running may or may not have ended by now; the long one stays.
    expect(left.map((row) => row.key)).toContain(live);
    expect((await incrementCounter(engine.database, live, 60_000)).current).toBe(2);
  });
});

describe("the shared store of a route's limit", () => {
  const engine = useMigratedDatabase("postgres", "ratelimitstore");

  const routeStore = (db: Database, url: string) => {
    const Store = sharedRouteLimitStore(db);
    const options = { routeInfo: { method: "POST", url } };
    return new Store({} as never).child(options as never);
  };
  const hit = (store: ReturnType<typeof routeStore>, key: string) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) =>
      store.incr(key, (error, result) => (error || !result ? reject(error) : resolve(result)), 60_000, 1_000),
    );

  it("counts a concurrent burst of one client exactly, in fewer round trips than hits", async () => {
    let roundTrips = 0;
    const counting: Database = {
      ...engine.database,
      query: (text, params) => {
        if (text.includes("rate_limit_counters")) roundTrips += 1;
        return engine.database.query(text, params);
      },
    };
    const url = `/burst-${Math.random().toString(36).slice(2)}`;
    const store = routeStore(counting, url);
    const counted = await Promise.all(Array.from({ length: 40 }, () => hit(store, "client-a")));
    // Each hit has its own count, as if they had been counted one after another.
    expect(counted.map((c) => c.current).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(roundTrips).toBeLessThan(40);
    expect(roundTrips).toBeGreaterThanOrEqual(1);
    // Shared with every replica: the row in PostgreSQL holds all 40, and another client is apart.
    const [row] = await engine.database.query<{ hits: number }>(
      "select hits from rate_limit_counters where key = $1",
      [`POST ${url}|client-a`],
    );
    expect(row?.hits).toBe(40);
    expect((await hit(store, "client-b")).current).toBe(1);
    expect((await hit(store, "client-a")).current).toBe(41);
  });

  it("fails closed: every hit waiting for a failed round trip gets the error", async () => {
    const down: Database = {
      ...engine.database,
      query: () => Promise.reject(new Error("connection refused")),
    };
    const store = routeStore(down, "/down");
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => hit(store, "client-a")));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill("rejected"));
  });
});
