import { ENGINES, useMigratedDatabase } from "@parametric-portal/test-support/hooks";
import { waitFor } from "@parametric-portal/test-support/processes";
import { describe, expect, it } from "vitest";
import { incrementCounter, sweepRateLimitCounters } from "./rate-limit-store";

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
