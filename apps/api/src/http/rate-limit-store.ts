import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor, RateLimitOptions } from "@fastify/rate-limit";
import LocalStore from "@fastify/rate-limit/store/LocalStore.js";
import type { Database } from "@parametric-portal/database/client";

/**
 * Where @fastify/rate-limit keeps its counts. The global limit (every route without its own) stays
 * in each pod's memory: it guards against floods, costs no database round trip, and N replicas
 * allowing N × 600 a minute is harmless. Routes with their own limit (sign-in, OAuth, API keys,
 * generation: the ones that matter for abuse and cost) count in PostgreSQL, so the cluster
 * together allows each of those limits once. See docs/adr/0008-shared-route-rate-limits.md.
 *
 * When the database cannot be reached, a shared limit fails closed: the error goes to the error
 * handler, which answers 503 DATABASE_UNAVAILABLE with `retry-after: 5`. Every such route needs
 * the database anyway, so failing open would let an unlimited burst through for nothing.
 */

// One round trip: the window is aligned on the database clock (replicas with skewed clocks still
// share it) and the row for (key, window) is created or incremented atomically, by $3 hits.
const INCREMENT_SQL = `insert into rate_limit_counters as c (key, window_end_ms, hits)
values ($1, (floor(extract(epoch from now()) * 1000 / $2::bigint)::bigint + 1) * $2::bigint, $3::int)
on conflict (key, window_end_ms) do update set hits = c.hits + excluded.hits
returning c.hits, c.window_end_ms - floor(extract(epoch from now()) * 1000)::bigint as ttl_ms`;

const SWEEP_SQL = `delete from rate_limit_counters
where window_end_ms <= floor(extract(epoch from now()) * 1000)::bigint`;

interface Counted {
  readonly current: number;
  readonly ttl: number;
}

/**
 * Counts `hits` (default one) of `key` in the fixed window of `windowMs` that contains the
 * database's now; `current` is the window's count after them.
 */
export const incrementCounter = async (
  database: Database,
  key: string,
  windowMs: number,
  hits = 1,
): Promise<Counted> => {
  const [row] = await database.query<{ hits: number; ttl_ms: string | number }>(INCREMENT_SQL, [
    key,
    windowMs,
    hits,
  ]);
  if (row === undefined) throw new Error("the rate-limit upsert returned no row");
  return { current: row.hits, ttl: Number(row.ttl_ms) };
};

/** Deletes the counters of windows that have ended; returns how many. */
export const sweepRateLimitCounters = async (database: Database): Promise<number> =>
  (await database.query<{ key: string }>(`${SWEEP_SQL} returning key`)).length;

type RouteLimitOptions = Parameters<FastifyRateLimitStore["child"]>[0] & {
  readonly routeInfo?: { readonly method?: unknown; readonly url?: unknown };
};

type Counter = (error: Error | null, result?: Counted) => void;

/**
 * A route's shared counts. Hits of one key that arrive while that key's round trip is in flight
 * wait and go in the next one together (`hits = hits + n`), and each is given its own count in
 * arrival order (`current - n + 1` … `current`), exactly what n round trips one after another
 * would have returned: every hit is still counted in PostgreSQL before it is let through, so the
 * limit stays exact across replicas. A burst from one client (50 connections) costs a few round
 * trips instead of one each, queued for the pool and contending for the same row.
 */
class DatabaseStore implements FastifyRateLimitStore {
  // Per key and window length: the hits waiting for the next round trip.
  private readonly waiting = new Map<string, Counter[]>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly database: Database,
    private readonly prefix: string,
  ) {}

  incr(key: string, callback: Counter, timeWindow: number): void {
    const counterKey = this.prefix + key;
    const batchKey = `${timeWindow} ${counterKey}`;
    const queue = this.waiting.get(batchKey);
    if (queue === undefined) this.waiting.set(batchKey, [callback]);
    else queue.push(callback);
    if (!this.inFlight.has(batchKey)) this.flush(batchKey, counterKey, timeWindow);
  }

  private flush(batchKey: string, counterKey: string, timeWindow: number): void {
    const batch = this.waiting.get(batchKey);
    if (batch === undefined) return;
    this.waiting.delete(batchKey);
    this.inFlight.add(batchKey);
    incrementCounter(this.database, counterKey, timeWindow, batch.length)
      .then(
        ({ current, ttl }) => {
          const first = current - batch.length + 1;
          for (const [i, callback] of batch.entries()) callback(null, { current: first + i, ttl });
        },
        (error: unknown) => {
          // Fails closed: every hit of the batch gets the error (503 from the error handler).
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const callback of batch) callback(failure);
        },
      )
      .finally(() => {
        this.inFlight.delete(batchKey);
        this.flush(batchKey, counterKey, timeWindow);
      });
  }

  child(): FastifyRateLimitStore {
    throw new Error("a shared route limit has no children");
  }
}

/** The store class for @fastify/rate-limit: global limit in memory, route limits in `database`. */
export const sharedRouteLimitStore = (database: Database): FastifyRateLimitStoreCtor =>
  class RouteLimitStore implements FastifyRateLimitStore {
    private readonly local: LocalStore;

    constructor(options: RateLimitOptions) {
      this.local = new LocalStore(false, false, options.cache);
    }

    incr(...args: Parameters<FastifyRateLimitStore["incr"]>): void {
      this.local.incr(...args);
    }

    child(routeOptions: RouteLimitOptions): FastifyRateLimitStore {
      const options = routeOptions as RouteLimitOptions & RateLimitOptions;
      if (
        options.continueExceeding === true ||
        options.exponentialBackoff === true ||
        (options.ban !== undefined && options.ban !== -1)
      ) {
        throw new Error(
          "Route rate limits are counted in fixed windows in PostgreSQL; remove continueExceeding, exponentialBackoff and ban from the route's rateLimit config.",
        );
      }
      const method = String(routeOptions.routeInfo?.method ?? "");
      const url = String(routeOptions.routeInfo?.url ?? "");
      return new DatabaseStore(database, `${method} ${url}|`);
    }
  };
