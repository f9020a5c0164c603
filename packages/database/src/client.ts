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

/** What a `listen` subscription is told. */
export interface NotificationHandlers {
  /** Each NOTIFY payload sent on the channel, in commit order. */
  onMessage(payload: string): void;
  /**
   * False whenever notifications may have been missed (the listening connection broke); true once
   * listening again. Starts not live: the first call is `true` once `LISTEN` has succeeded.
   */
  onLive(live: boolean): void;
}

export interface Listener {
  /** Stops listening and reconnecting; resolves once the connection is closed. */
  close(): Promise<void>;
}

// LISTEN takes an identifier, not a parameter: channels are fixed names of ours, checked here.
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const checkChannel = (channel: string): void => {
  if (!CHANNEL_NAME.test(channel)) {
    throw new Error(`"${channel}" is not a channel name: use lower-case letters, digits and underscores.`);
  }
};
// Reconnecting a listener that lost its connection: soon at first, then every five seconds.
const LISTEN_RETRY_MS = [250, 1_000, 5_000] as const;
// A listener only receives, so a path that died without a reset (a NAT or firewall dropping the
// idle connection) would raise no error: it asks `select 1` this often and counts the connection
// lost when no answer comes within the same time.
const LISTEN_HEARTBEAT_MS = 10_000;

export interface ListenOptions {
  /** How often the listening connection proves it is alive; default 10 s. */
  readonly heartbeatMs?: number;
}

/** A statement's text and the name it is prepared under. */
export interface PreparedText {
  readonly name: string;
  readonly text: string;
}

export interface Database extends SqlSession {
  readonly kind: DatabaseConfig["kind"];
  readonly db: Db;
  /** Runs `fn` on a single dedicated connection (session-level locks hold across its statements). */
  withConnection<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Resolves when the database answers `select 1` within `timeoutMs`, rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
  poolStats(): PoolStats;
  /**
   * A named statement (PostgreSQL plans it once per connection), its rows as arrays in select-list
   * order: for the hottest reads, where mapping rows generically cost more than the query did.
   */
  queryArrays(statement: PreparedText, params: readonly unknown[]): Promise<unknown[][]>;
  /**
   * NOTIFY payloads on `channel`, on a connection of its own (PostgreSQL) that reconnects after
   * failures; `onLive(false)` says when some may have been missed.
   */
  listen(channel: string, handlers: NotificationHandlers, options?: ListenOptions): Listener;
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

/** A dedicated connection that LISTENs on `channel` and comes back after it breaks. */
const listenPostgres = (
  connection: pg.ClientConfig,
  channel: string,
  handlers: NotificationHandlers,
  heartbeatMs: number,
): Listener => {
  checkChannel(channel);
  let closed = false;
  let failures = 0;
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ ...connection, keepAlive: true, connectionTimeoutMillis: 5_000 });
    current = client;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      clearInterval(heartbeat);
      handlers.onLive(false);
      client.end().catch(() => {});
      if (closed) return;
      const delay = LISTEN_RETRY_MS[Math.min(failures, LISTEN_RETRY_MS.length - 1)];
      failures += 1;
      retry = setTimeout(() => void connect(), delay);
      // A listener waiting to reconnect must never keep the process alive.
      retry.unref();
    };
    client.on("error", onLost);
    client.on("end", onLost);
    client.on("notification", (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? "");
    });
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch {
      onLost();
      return;
    }
    if (lost || closed) return;
    handlers.onLive(true);
    heartbeat = setInterval(() => {
      withTimeout(client.query("select 1"), heartbeatMs, "the listener's heartbeat").then(() => {
        // Only a connection that stays up earns the short retry delays again.
        failures = 0;
      }, onLost);
    }, heartbeatMs);
    heartbeat.unref();
  };
  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      await current?.end().catch(() => {});
    },
  };
};

const openPostgres = (config: Extract<DatabaseConfig, { kind: "postgres" }>): Database => {
  const connection: pg.ClientConfig = {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    ssl: config.ssl ? { rejectUnauthorized: true } : false,
    application_name: "parametric-portal",
  };
  const pool = new pg.Pool({
    ...connection,
    max: config.poolMax ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A server that vanishes mid-query must not hang requests forever.
    query_timeout: config.queryTimeoutMs ?? 30_000,
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
    queryArrays: async ({ name, text }, params) =>
      (await pool.query<unknown[]>({ name, text, values: [...params], rowMode: "array" })).rows,
    listen: (channel, handlers, options) =>
      listenPostgres(
        { ...connection, application_name: "parametric-portal listener" },
        channel,
        handlers,
        options?.heartbeatMs ?? LISTEN_HEARTBEAT_MS,
      ),
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
    queryArrays: async ({ text }, params) =>
      (await client.query<unknown[]>(text, [...params], { rowMode: "array" })).rows,
    // One in-process database: its notifications cannot be lost while it is open.
    listen: (channel, handlers) => {
      checkChannel(channel);
      // A database closed first (shutdown order) has nothing left to unlisten.
      const unsubscribe = client.listen(channel, handlers.onMessage).then(
        (stop) => {
          handlers.onLive(true);
          return stop;
        },
        () => async () => {},
      );
      return {
        close: async () => {
          if (client.closed) return;
          await (await unsubscribe)().catch(() => {});
        },
      };
    },
    close: () => client.close(),
  };
};

export const openDatabase = async (config: DatabaseConfig): Promise<Database> =>
  config.kind === "postgres" ? openPostgres(config) : openPglite(config);
