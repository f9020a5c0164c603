import { mkdir } from "node:fs/promises";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import type { DatabaseConfig } from "./config";
import { isDatabaseUnavailable } from "./errors";
import { schema } from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** One connection's worth of raw SQL: what migrations and advisory locks need. */
export interface SqlSession {
  query<T extends object>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one or more statements separated by semicolons, without parameters. */
  exec(text: string): Promise<void>;
}

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

export interface Database extends SqlSession {
  readonly kind: DatabaseConfig["kind"];
  readonly db: Db;
  /** Runs `fn` on a single dedicated connection (session-level locks hold across its statements). */
  withConnection<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Resolves when the database answers `select 1` within `timeoutMs`, rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

const withTimeout = async <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

type Queryable = Pick<pg.PoolClient, "query">;

// Work on a dedicated connection (migrations, waiting on their advisory lock) may take far
// longer than a request's query; pg only honours a non-zero per-query override.
const DEDICATED_QUERY_TIMEOUT_MS = 6 * 60 * 60 * 1000;

const pgSession = (client: Queryable, queryTimeoutMs?: number): SqlSession => ({
  query: async <T extends object>(text: string, params?: readonly unknown[]) =>
    (
      await client.query<T>({
        text,
        ...(params !== undefined && { values: [...params] }),
        ...(queryTimeoutMs !== undefined && { query_timeout: queryTimeoutMs }),
      })
    ).rows,
  exec: async (text: string) => {
    await client.query({ text, ...(queryTimeoutMs !== undefined && { query_timeout: queryTimeoutMs }) });
  },
});

const openPostgres = (config: Extract<DatabaseConfig, { kind: "postgres" }>): Database => {
  const pool = new pg.Pool({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    ssl: config.ssl ? { rejectUnauthorized: true } : false,
    max: config.poolMax ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A server that vanishes mid-query must not hang requests forever.
    query_timeout: config.queryTimeoutMs ?? 30_000,
    application_name: "parametric-portal",
  });
  // Idle clients emit errors when the server goes away; the pool replaces them on next use.
  pool.on("error", () => {});
  const session = pgSession(pool);
  return {
    kind: "postgres",
    db: drizzleNodePg(pool, { schema }),
    ...session,
    withConnection: async (fn) => {
      const client = await pool.connect();
      // A server that drops this connection while it is checked out would otherwise emit an
      // unhandled 'error' and end the process; the failing query reports it instead.
      const ignore = () => {};
      client.on("error", ignore);
      let broken: Error | undefined;
      try {
        return await fn(pgSession(client, DEDICATED_QUERY_TIMEOUT_MS));
      } catch (error) {
        // A dead connection must not go back to the pool for the next caller to trip over.
        if (isDatabaseUnavailable(error)) broken = error as Error;
        throw error;
      } finally {
        client.off("error", ignore);
        client.release(broken);
      }
    },
    ping: async (timeoutMs) => {
      await withTimeout(pool.query("select 1"), timeoutMs, "PostgreSQL");
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
};

const openPglite = async (config: Extract<DatabaseConfig, { kind: "pglite" }>): Promise<Database> => {
  // Loaded on demand: production bundles talk to a server and do not ship PGlite's WebAssembly.
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
  // PGlite creates only the last folder of dataDir; DATA_DIR may point where nothing exists yet.
  if (config.dataDir !== undefined) await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  // Migration 0006 creates these extensions; PGlite only has the ones it was handed here.
  const [{ pg_trgm }, { btree_gin }] = await Promise.all([
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/btree_gin"),
  ]);
  const client = await PGlite.create({
    ...(config.dataDir !== undefined && { dataDir: config.dataDir }),
    extensions: { pg_trgm, btree_gin },
  });
  const session: SqlSession = {
    query: async <T extends object>(text: string, params?: readonly unknown[]) =>
      (await client.query<T>(text, params ? [...params] : undefined)).rows,
    exec: async (text: string) => {
      await client.exec(text);
    },
  };
  return {
    kind: "pglite",
    db: drizzlePglite(client, { schema }),
    ...session,
    // PGlite is one in-process session already.
    withConnection: (fn) => fn(session),
    ping: async (timeoutMs) => {
      await withTimeout(client.query("select 1"), timeoutMs, "PGlite");
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: () => client.close(),
  };
};

export const openDatabase = async (config: DatabaseConfig): Promise<Database> =>
  config.kind === "postgres" ? openPostgres(config) : openPglite(config);
