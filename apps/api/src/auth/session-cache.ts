import type { CurrentUser } from "./current-user";

/**
 * The sessions this replica looked up in the last few seconds, so a signed-in request costs no
 * database round trip. Revocation stays immediate because the cache is only trusted while it
 * hears the database's session notifications (migration 0009):
 *   - a revoked, deleted or cut-short session, or a user whose profile changed, is evicted the
 *     moment the change commits, on every replica (and at once on the replica that made it);
 *   - while the listening connection is down the cache is empty and unused, and it starts empty
 *     again once listening, since notifications sent in between are lost;
 *   - a lookup that was in flight while anything was evicted is not cached (its row may predate
 *     the change); `begin()` and `set()` enforce that with an eviction counter;
 *   - an entry lives at most `ttlMs`, and never past the session's own expiry.
 */

/** The notification channel of migration 0009. */
export const SESSION_CHANNEL = "parametric_portal_sessions";

interface Entry {
  readonly user: CurrentUser;
  /** The end of its time to live, on the monotonic clock (a clock set back cannot stretch it). */
  readonly staleAt: number;
  /** The session's own expiry, epoch ms on the database's clock. */
  readonly expiresAt: number;
}

/** The two clocks an entry is checked against; tests move both. */
export interface SessionCacheClock {
  /** Epoch milliseconds, to compare with the session's expiry. */
  readonly wall: () => number;
  /** Milliseconds that only move forward, for the time to live. */
  readonly monotonic: () => number;
}

const systemClock: SessionCacheClock = { wall: Date.now, monotonic: () => performance.now() };

export interface SessionCacheOptions {
  /** How long an entry may be used; 0 turns the cache off. */
  readonly ttlMs: number;
  /** The most sessions held; the oldest go first. */
  readonly maxEntries?: number;
  readonly clock?: SessionCacheClock;
}

const DEFAULT_MAX_ENTRIES = 10_000;

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysBySession = new Map<string, string>();
  private readonly keysByUser = new Map<string, Set<string>>();
  private live = false;
  private evictions = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: SessionCacheClock;

  constructor(options: SessionCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.clock = options.clock ?? systemClock;
  }

  /** Whether entries are served: the database's notifications are being heard. */
  get isLive(): boolean {
    return this.live;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached user of the session whose token hashes to `key`, if still valid. */
  get(key: string): CurrentUser | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock.monotonic() >= entry.staleAt || this.clock.wall() >= entry.expiresAt) {
      this.remove(key);
      return undefined;
    }
    return entry.user;
  }

  /** Call before a lookup; pass the result to `set` with the row it found. */
  begin(): number {
    return this.evictions;
  }

  /**
   * Keeps a looked-up session until `ttlMs` from now or `expiresAt` (epoch ms), whichever comes
   * first; ignored if anything was evicted since `begin()` returned `since`.
   */
  set(key: string, user: CurrentUser, expiresAt: number, since: number): void {
    if (!this.live || this.ttlMs <= 0 || since !== this.evictions || expiresAt <= this.clock.wall()) return;
    this.remove(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
    this.entries.set(key, { user, staleAt: this.clock.monotonic() + this.ttlMs, expiresAt });
    this.keysBySession.set(user.sessionId, key);
    let keys = this.keysByUser.get(user.id);
    if (keys === undefined) {
      keys = new Set();
      this.keysByUser.set(user.id, keys);
    }
    keys.add(key);
  }

  /** Forgets the session whose token hashes to `key`. */
  evictKey(key: string): void {
    this.evictions += 1;
    this.remove(key);
  }

  evictSession(sessionId: string): void {
    this.evictions += 1;
    const key = this.keysBySession.get(sessionId);
    if (key !== undefined) this.remove(key);
  }

  evictUser(userId: string): void {
    this.evictions += 1;
    for (const key of [...(this.keysByUser.get(userId) ?? [])]) this.remove(key);
  }

  /** Applies one payload of SESSION_CHANNEL; `all`, and anything unknown, empties the cache. */
  notified(payload: string): void {
    const id = payload.slice(2);
    if (payload.startsWith("s:")) this.evictSession(id);
    else if (payload.startsWith("u:")) this.evictUser(id);
    else this.clear();
  }

  /** Serves entries only while live; either change starts from an empty cache. */
  setLive(live: boolean): void {
    this.clear();
    this.live = live;
  }

  private clear(): void {
    this.evictions += 1;
    this.entries.clear();
    this.keysBySession.clear();
    this.keysByUser.clear();
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    const { sessionId, id } = entry.user;
    if (this.keysBySession.get(sessionId) === key) this.keysBySession.delete(sessionId);
    const keys = this.keysByUser.get(id);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByUser.delete(id);
  }
}
