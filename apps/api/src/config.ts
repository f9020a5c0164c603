import path from "node:path";
import { OAUTH_PROVIDERS, type OAuthProviderId } from "@parametric-portal/contracts/providers";
import type { DatabaseConfig } from "@parametric-portal/database/config";

/**
 * The one place that reads the environment. Every variable of docs/operations.md §3.1 that the
 * API uses is parsed here; problems are collected and reported together, each naming the
 * variable, what is wrong and how to fix it.
 */

export type NodeEnv = "development" | "production" | "test";
export type OAuthProvider = OAuthProviderId;

export interface OAuthClientConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Only Microsoft Entra ID: the tenant (`common` for multi-tenant apps). */
  readonly tenantId?: string;
  /** Overrides the provider's endpoints; used to point tests at a local authorization server. */
  readonly issuerUrl?: string;
  /** Only GitHub (not OIDC): where /user and /user/emails live; overridden like issuerUrl in tests. */
  readonly apiUrl?: string;
}

export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  readonly baseUrl: string;
  readonly webAppUrl: string;
  readonly corsOrigins: readonly string[];
  readonly logLevel: string;
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  /** 32 bytes; absent only outside production, where a development key is kept in `dataDir`. */
  readonly encryptionKey: Buffer | undefined;
  readonly anthropic: {
    readonly apiKey?: string;
    readonly baseUrl?: string;
    readonly model: string;
    /** SDK request timeout and the deadline for a whole streamed generation. */
    readonly timeoutMs: number;
    /** Deadline for checking a key when a user saves it (`GET /v1/models`). */
    readonly keyCheckTimeoutMs: number;
  };
  /** Generations per user per 24 hours paid by the server's ANTHROPIC_API_KEY. */
  readonly iconDailyQuota: number;
  readonly oauth: Partial<Record<OAuthProvider, OAuthClientConfig>>;
  readonly devSignIn: boolean;
  readonly metricsPort: number | undefined;
  readonly shutdownTimeoutMs: number;
  /** After SIGTERM, how long to keep serving while readiness reports 503, so load balancers stop routing here first. */
  readonly shutdownDrainMs: number;
  /** How many proxies in front of the API to believe in X-Forwarded-For (0 = none). */
  readonly trustProxy: number;
  readonly migrationsDir: string | undefined;
  /** Multiplies every rate limit; load tests and benchmarks raise it to measure the server, not the limiter. */
  readonly rateLimitScale: number;
  /** Whether /api/docs (the OpenAPI document and its UI) is served; API_DOCS=on|off. */
  readonly apiDocs: boolean;
  /**
   * How long a looked-up session may be reused without a database round trip (SESSION_CACHE_SECONDS,
   * 0 = off); revocations still apply at once through PostgreSQL notifications.
   */
  readonly sessionCacheMs: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name}="${value}" is not valid; use one of: ${allowed.join(", ")}.`);
    return fallback;
  }

  port(name: string, fallback: number): number {
    const value = this.string(name);
    if (value === undefined) return fallback;
    const port = Number(value);
    if (!/^\d+$/.test(value) || port < 1 || port > 65_535) {
      this.problems.push(
        `${name}="${value}" is not a port; use a whole number from 1 to 65535, e.g. ${fallback}.`,
      );
      return fallback;
    }
    return port;
  }

  /** Zero or more. */
  wholeNumber(name: string, fallback: number): number {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) {
      this.problems.push(`${name}="${value}" must be a whole number (0 or more), e.g. ${fallback}.`);
      return fallback;
    }
    return Number(value);
  }

  positiveInt(name: string, fallback: number): number {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) <= 0) {
      this.problems.push(`${name}="${value}" must be a positive whole number, e.g. ${fallback}.`);
      return fallback;
    }
    return Number(value);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.string(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (["true", "1", "yes", "on"].includes(value)) return true;
    if (["false", "0", "no", "off"].includes(value)) return false;
    this.problems.push(`${name}="${value}" must be true or false.`);
    return fallback;
  }

  url(name: string, fallback: string | undefined): string | undefined {
    const value = this.string(name) ?? fallback;
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
      return value.replace(/\/+$/, "");
    } catch {
      this.problems.push(`${name}="${value}" is not an http(s) URL; write it like https://example.com.`);
      return fallback;
    }
  }

  /** Never echoes the value: it is a secret. */
  encryptionKey(name: string): Buffer | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const fix = "generate one with `openssl rand -base64 32`";
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) {
      this.problems.push(
        `${name} is not valid base64; it must be base64 of exactly 32 random bytes (${fix}).`,
      );
      return undefined;
    }
    const key = Buffer.from(value, "base64");
    if (key.length !== 32) {
      this.problems.push(`${name} decodes to ${key.length} bytes; it must be exactly 32 bytes (${fix}).`);
      return undefined;
    }
    return key;
  }
}

const readOAuth = (r: Reader, production: boolean): Partial<Record<OAuthProvider, OAuthClientConfig>> => {
  const result: Partial<Record<OAuthProvider, OAuthClientConfig>> = {};
  for (const provider of OAUTH_PROVIDERS) {
    const prefix = `OAUTH_${provider.toUpperCase()}`;
    const clientId = r.string(`${prefix}_CLIENT_ID`);
    const clientSecret = r.string(`${prefix}_CLIENT_SECRET`);
    if (clientId === undefined && clientSecret === undefined) continue;
    if (clientId === undefined || clientSecret === undefined) {
      const missing = clientId === undefined ? `${prefix}_CLIENT_ID` : `${prefix}_CLIENT_SECRET`;
      r.problems.push(
        `${missing} is missing: set both ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET, or neither.`,
      );
      continue;
    }
    const issuerUrl = r.url(`${prefix}_ISSUER_URL`, undefined);
    if (issuerUrl !== undefined && production && !issuerUrl.startsWith("https://")) {
      r.problems.push(`${prefix}_ISSUER_URL must use https in production.`);
    }
    const apiUrl = provider === "github" ? r.url("OAUTH_GITHUB_API_URL", undefined) : undefined;
    if (apiUrl !== undefined && production && !apiUrl.startsWith("https://")) {
      r.problems.push("OAUTH_GITHUB_API_URL must use https in production.");
    }
    const tenantId =
      provider === "microsoft" ? (r.string("OAUTH_MICROSOFT_TENANT_ID") ?? "common") : undefined;
    if (tenantId !== undefined && !/^[A-Za-z0-9.-]{1,64}$/.test(tenantId)) {
      r.problems.push(
        `OAUTH_MICROSOFT_TENANT_ID="${tenantId}" is not a tenant id or domain; use "common" for multi-tenant apps.`,
      );
    }
    result[provider] = {
      clientId,
      clientSecret,
      ...(tenantId !== undefined && { tenantId }),
      ...(issuerUrl !== undefined && { issuerUrl }),
      ...(apiUrl !== undefined && { apiUrl }),
    };
  }
  return result;
};

const readDatabase = (
  r: Reader,
  production: boolean,
  dataDir: string,
  purpose: "serve" | "migrate" = "serve",
): DatabaseConfig => {
  const host = r.string("POSTGRES_HOST");
  if (host === undefined) {
    if (production) {
      r.problems.push(
        purpose === "migrate"
          ? "POSTGRES_HOST is required when NODE_ENV=production: refusing to migrate the embedded database, set POSTGRES_HOST (with POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD) to the server you mean to migrate."
          : "POSTGRES_HOST is required when NODE_ENV=production (the embedded database is for development only).",
      );
    }
    return { kind: "pglite", dataDir: path.join(dataDir, "pglite") };
  }
  const password = r.string("POSTGRES_PASSWORD");
  if (production && password === undefined) {
    r.problems.push("POSTGRES_PASSWORD is required when NODE_ENV=production.");
  }
  return {
    kind: "postgres",
    host,
    port: r.port("POSTGRES_PORT", 5432),
    database: r.string("POSTGRES_DB") ?? "parametric",
    user: r.string("POSTGRES_USER") ?? "postgres",
    password,
    ssl: r.boolean("POSTGRES_SSL", false),
    poolMax: r.positiveInt("POSTGRES_POOL_MAX", 10),
  };
};

/**
 * A hop count, so only the address the nearest proxy (Traefik) saw is believed; `true` would
 * trust the left-most X-Forwarded-For entry, which any client can write.
 */
const readTrustProxy = (r: Reader, production: boolean): number => {
  const value = r.string("TRUST_PROXY")?.toLowerCase();
  if (value === undefined) return production ? 1 : 0;
  if (value === "true") return 1;
  if (value === "false") return 0;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  r.problems.push(
    `TRUST_PROXY="${value}" must be the number of proxies in front of the API (e.g. 1 for Traefik), true (1) or false (0).`,
  );
  return 0;
};

// Off by default in production: the full route map is for developers, not for every visitor.
const readApiDocs = (r: Reader, production: boolean): boolean => {
  const value = r.string("API_DOCS");
  if (value === undefined) return !production;
  if (value === "on" || value === "off") return value === "on";
  r.problems.push(
    `API_DOCS="${value}" must be on or off: on serves the OpenAPI document and its UI at /api/docs, off answers 404 there (default: off when NODE_ENV=production, on otherwise).`,
  );
  return !production;
};

const readNodeEnv = (r: Reader): NodeEnv =>
  r.oneOf<NodeEnv>("NODE_ENV", ["development", "production", "test"], "development");

const readDataDir = (r: Reader): string => path.resolve(r.string("DATA_DIR") ?? ".data");

/** Only what the migrator needs, so a migration Job does not need the API's other secrets. */
export const loadMigratorConfig = (
  env: Env = process.env,
): { database: DatabaseConfig; migrationsDir: string | undefined } => {
  const r = new Reader(env);
  const database = readDatabase(r, readNodeEnv(r) === "production", readDataDir(r), "migrate");
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return { database, migrationsDir: r.string("MIGRATIONS_DIR") };
};

export const loadConfig = (env: Env = process.env): Config => {
  const r = new Reader(env);
  const nodeEnv = readNodeEnv(r);
  const production = nodeEnv === "production";
  const port = r.port("API_PORT", 4000);
  const baseUrl = r.url("API_BASE_URL", `http://localhost:${port}`) ?? `http://localhost:${port}`;
  const webAppUrl = r.url("WEB_APP_URL", "http://localhost:3001") ?? "http://localhost:3001";
  const corsOrigins = (r.string("CORS_ORIGINS") ?? webAppUrl)
    .split(",")
    .map((origin) => origin.trim().replace(/\/+$/, ""))
    .filter((origin) => origin !== "");
  for (const origin of corsOrigins) {
    if (origin === "*")
      r.problems.push('CORS_ORIGINS must list origins; "*" is refused because the API uses cookies.');
    else if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      r.problems.push(
        `CORS_ORIGINS entry "${origin}" is not an origin; write it like https://icons.example.com.`,
      );
    }
  }
  const dataDir = readDataDir(r);
  const encryptionKey = r.encryptionKey("ENCRYPTION_KEY");
  if (production && encryptionKey === undefined && r.string("ENCRYPTION_KEY") === undefined) {
    r.problems.push(
      "ENCRYPTION_KEY is required when NODE_ENV=production (generate one with `openssl rand -base64 32`).",
    );
  }
  const devSignIn = r.boolean("DEV_SIGN_IN", !production);
  if (production && devSignIn) r.problems.push("DEV_SIGN_IN cannot be enabled when NODE_ENV=production.");
  const anthropicApiKey = r.string("ANTHROPIC_API_KEY");
  const anthropicBaseUrl = r.url("ANTHROPIC_BASE_URL", undefined);
  const metricsPortValue = r.string("METRICS_PORT");
  const config: Config = {
    nodeEnv,
    host: r.string("API_HOST") ?? (production ? "0.0.0.0" : "127.0.0.1"),
    port,
    baseUrl,
    webAppUrl,
    corsOrigins,
    logLevel: r.oneOf("LOG_LEVEL", LOG_LEVELS, production ? "info" : "debug"),
    database: readDatabase(r, production, dataDir),
    dataDir,
    encryptionKey,
    anthropic: {
      ...(anthropicApiKey !== undefined && { apiKey: anthropicApiKey }),
      ...(anthropicBaseUrl !== undefined && { baseUrl: anthropicBaseUrl }),
      model: r.string("ANTHROPIC_MODEL") ?? "claude-sonnet-5",
      timeoutMs: r.positiveInt("ANTHROPIC_TIMEOUT_MS", 300_000),
      keyCheckTimeoutMs: r.positiveInt("ANTHROPIC_KEY_CHECK_TIMEOUT_MS", 5_000),
    },
    iconDailyQuota: r.positiveInt("ICON_DAILY_QUOTA", 50),
    oauth: readOAuth(r, production),
    devSignIn: production ? false : devSignIn,
    metricsPort: metricsPortValue === "off" ? undefined : r.port("METRICS_PORT", 9464),
    shutdownTimeoutMs: r.positiveInt("SHUTDOWN_TIMEOUT_MS", 25_000),
    shutdownDrainMs:
      r.string("SHUTDOWN_DRAIN_MS") === "0" ? 0 : r.positiveInt("SHUTDOWN_DRAIN_MS", production ? 5_000 : 0),
    trustProxy: readTrustProxy(r, production),
    migrationsDir: r.string("MIGRATIONS_DIR"),
    rateLimitScale: r.positiveInt("RATE_LIMIT_SCALE", 1),
    apiDocs: readApiDocs(r, production),
    sessionCacheMs: r.wholeNumber("SESSION_CACHE_SECONDS", 30) * 1000,
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
};
