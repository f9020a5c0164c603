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
// share it) and the row for (key, window) is created or incremented atomically.
const INCREMENT_SQL = `insert into rate_limit_counters as c (key, window_end_ms, hits)
values ($1, (floor(extract(epoch from now()) * 1000 / $2::bigint)::bigint + 1) * $2::bigint, 1)
on conflict (key, window_end_ms) do update set hits = c.hits + 1
returning c.hits, c.window_end_ms - floor(extract(epoch from now()) * 1000)::bigint as ttl_ms`;

const SWEEP_SQL = `delete from rate_limit_counters
where window_end_ms <= floor(extract(epoch from now()) * 1000)::bigint`;

interface Counted {
  readonly current: number;
  readonly ttl: number;
}

/** Counts one hit of `key` in the fixed window of `windowMs` that contains the database's now. */
export const incrementCounter = async (
  database: Database,
  key: string,
  windowMs: number,
): Promise<Counted> => {
  const [row] = await database.query<{ hits: number; ttl_ms: string | number }>(INCREMENT_SQL, [
    key,
    windowMs,
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

class DatabaseStore implements FastifyRateLimitStore {
  constructor(
    private readonly database: Database,
    private readonly prefix: string,
  ) {}

  incr(key: string, callback: (error: Error | null, result?: Counted) => void, timeWindow: number): void {
    incrementCounter(this.database, this.prefix + key, timeWindow).then(
      (counted) => callback(null, counted),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
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
