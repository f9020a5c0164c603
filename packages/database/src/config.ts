/** Where the database lives: a PostgreSQL server, or an embedded PGlite directory (memory when omitted). */
export type DatabaseConfig =
  | {
      readonly kind: "postgres";
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly user: string;
      readonly password: string | undefined;
      readonly ssl: boolean;
      readonly poolMax?: number;
      /** Per-query limit for pooled queries (default 30 s); dedicated connections wait longer. */
      readonly queryTimeoutMs?: number;
    }
  | { readonly kind: "pglite"; readonly dataDir: string | undefined };

/** A description safe for logs: never includes the password. */
export const describeDatabase = (config: DatabaseConfig): string =>
  config.kind === "postgres"
    ? `postgres://${config.user}@${config.host}:${config.port}/${config.database}${config.ssl ? " (ssl)" : ""}`
    : `pglite:${config.dataDir ?? "memory"}`;
