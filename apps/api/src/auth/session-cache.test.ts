import { describe, expect, it } from "vitest";
import type { CurrentUser } from "./current-user";
import { SessionCache } from "./session-cache";

const user = (id: string, sessionId: string): CurrentUser => ({
  id,
  email: `${id}@example.test`,
  name: null,
  avatarUrl: null,
  sessionId,
});

/** A cache on a clock the test moves, live unless told otherwise. */
const cacheAt = (ttlMs = 30_000, maxEntries?: number) => {
  // `now` drives both clocks; `wallOffset` alone moves the wall clock (set back, set forward).
  const clock = { now: 1_000_000, wallOffset: 1_700_000_000_000 };
  const cache = new SessionCache({
    ttlMs,
    clock: { wall: () => clock.wallOffset + clock.now, monotonic: () => clock.now },
    ...(maxEntries !== undefined && { maxEntries }),
  });
  cache.setLive(true);
  const put = (key: string, who: CurrentUser, expiresAt = clock.wallOffset + clock.now + 3_600_000) =>
    cache.set(key, who, expiresAt, cache.begin());
  return { cache, clock, put };
};

describe("SessionCache", () => {
  it("serves an entry until its time to live, and never past the session's own expiry", () => {
    const { cache, clock, put } = cacheAt(30_000);
    put("a", user("u1", "s1"));
    put("b", user("u2", "s2"), clock.wallOffset + clock.now + 10_000);
    expect(cache.get("a")?.sessionId).toBe("s1");
    clock.now += 10_000;
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.sessionId).toBe("s1");
    clock.now += 20_000;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("does not stretch an entry's time to live when the wall clock is set back", () => {
    const { cache, clock, put } = cacheAt(30_000);
    put("a", user("u1", "s1"));
    clock.wallOffset -= 3_600_000;
    clock.now += 29_999;
    expect(cache.get("a")?.sessionId).toBe("s1");
    clock.now += 1;
    expect(cache.get("a")).toBeUndefined();
  });

  it("evicts by session, by user, by token hash, and on each notification payload", () => {
    const { cache, put } = cacheAt();
    put("a", user("u1", "s1"));
    put("b", user("u1", "s2"));
    put("c", user("u2", "s3"));
    put("d", user("u3", "s4"));
    cache.notified("s:s1");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")?.sessionId).toBe("s2");
    cache.notified("u:u1");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("c")?.sessionId).toBe("s3");
    cache.evictKey("c");
    expect(cache.get("c")).toBeUndefined();
    expect(cache.get("d")?.sessionId).toBe("s4");
    // A payload it does not know empties the cache instead of guessing.
    cache.notified("x:whatever");
    expect(cache.get("d")).toBeUndefined();
  });

  it("does not keep a lookup that was in flight while anything was evicted", () => {
    const { cache } = cacheAt();
    const since = cache.begin();
    // The row was read before the session was revoked; the notification came first.
    cache.notified("s:s1");
    cache.set("a", user("u1", "s1"), Date.now() + 3_600_000, since);
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", user("u1", "s1"), Date.now() + 3_600_000, cache.begin());
    expect(cache.get("a")?.sessionId).toBe("s1");
  });

  it("serves nothing while not live, and starts empty each time it goes live again", () => {
    const { cache, put } = cacheAt();
    put("a", user("u1", "s1"));
    cache.setLive(false);
    expect(cache.get("a")).toBeUndefined();
    put("b", user("u2", "s2"));
    expect(cache.size).toBe(0);
    cache.setLive(true);
    expect(cache.get("a")).toBeUndefined();
    put("c", user("u3", "s3"));
    expect(cache.get("c")?.sessionId).toBe("s3");
  });

  it("holds at most maxEntries, dropping the oldest first, and nothing with a zero time to live", () => {
    const { cache, put } = cacheAt(30_000, 2);
    put("a", user("u1", "s1"));
    put("b", user("u2", "s2"));
    put("c", user("u3", "s3"));
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("c")?.sessionId).toBe("s3");
    // Evicting the dropped session's user finds nothing to remove, and the others stay.
    cache.evictUser("u1");
    expect(cache.get("b")?.sessionId).toBe("s2");

    const off = cacheAt(0);
    off.put("a", user("u1", "s1"));
    expect(off.cache.get("a")).toBeUndefined();
  });
});
