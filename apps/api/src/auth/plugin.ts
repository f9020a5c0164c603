import { randomBytes } from "node:crypto";
import type { Database } from "@parametric-portal/database/client";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config";
import { deriveKey } from "../crypto/envelope";
import { apiKeyRoutes } from "./api-key-routes";
import { oauthRoutes } from "./oauth-routes";
import { SessionCache } from "./session-cache";
import { sessionPlugin } from "./session-plugin";
import { sessionRoutes } from "./session-routes";

export interface AuthPluginOptions {
  readonly config: Config;
  readonly database: Database;
}

/**
 * Sessions, CSRF, sign-in and API keys. Registered first inside the `/api` scope: its hooks set
 * `request.user` for every sibling plugin registered after it.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app: FastifyInstance, { config, database }) => {
    // Derived from ENCRYPTION_KEY so every replica agrees; without one (tests) a per-process secret.
    const master = config.encryptionKey ?? randomBytes(32);
    const csrfSecret = deriveKey(master, "csrf v1");
    const flowKey = deriveKey(master, "oauth-flow v1");
    const sessionCache =
      config.sessionCacheMs > 0 ? new SessionCache({ ttlMs: config.sessionCacheMs }) : undefined;
    await app.register(sessionPlugin, { config, database, csrfSecret, sessionCache });
    await app.register(sessionRoutes, { config, database, csrfSecret, sessionCache });
    await app.register(oauthRoutes, { config, database, flowKey, sessionCache });
    await app.register(apiKeyRoutes, {
      database,
      encryptionKey: config.encryptionKey,
      anthropicBaseUrl: config.anthropic.baseUrl,
      keyCheckTimeoutMs: config.anthropic.keyCheckTimeoutMs,
    });
  },
  { name: "pp-auth" },
);
