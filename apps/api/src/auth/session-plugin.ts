import type { Database } from "@parametric-portal/database/client";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config";
import { csrfCheck } from "./csrf";
import { deleteExpiredFlows } from "./oauth-flow";
import { SESSION_CHANNEL, type SessionCache } from "./session-cache";
import { SESSION_COOKIE } from "./session-cookie";
import { deleteDeadSessions, findSessionUser } from "./sessions";

export interface SessionPluginOptions {
  readonly config: Pick<Config, "baseUrl" | "corsOrigins">;
  readonly database: Database;
  readonly csrfSecret: Buffer;
  /** Recently looked-up sessions; kept only while the database's notifications are heard. */
  readonly sessionCache?: SessionCache | undefined;
  /** How often dead sessions are deleted; 0 turns the sweep off. */
  readonly sweepIntervalMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Sets `request.user` from the session cookie for every route of the scope it is registered in
 * (fastify-plugin lifts the hooks out of its own encapsulation), then enforces CSRF.
 */
export const sessionPlugin = fp<SessionPluginOptions>(
  async (app: FastifyInstance, { config, database, csrfSecret, sessionCache, sweepIntervalMs = HOUR_MS }) => {
    const checkCsrf = csrfCheck(csrfSecret, new Set([new URL(config.baseUrl).origin, ...config.corsOrigins]));
    // preValidation, not onRequest: the rate limiter (a route-level onRequest hook) runs first,
    // so throttled requests cost no session lookup and forged writes are counted too.
    app.addHook("preValidation", async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      request.user = token ? await findSessionUser(database, token, sessionCache) : null;
      checkCsrf(request);
    });

    if (sessionCache !== undefined) {
      const cache = sessionCache;
      const listener = database.listen(SESSION_CHANNEL, {
        onMessage: (payload) => cache.notified(payload),
        onLive: (live) => {
          if (live === cache.isLive) return;
          cache.setLive(live);
          if (live) app.log.info("session cache on: listening for session changes");
          else app.log.warn("session cache off until the database connection for session changes is back");
        },
      });
      app.addHook("onClose", async () => {
        cache.setLive(false);
        await listener.close();
      });
    }

    if (sweepIntervalMs > 0) {
      const sweep = () => {
        Promise.all([deleteDeadSessions(database), deleteExpiredFlows(database)])
          .then(([deleted]) => {
            if (deleted > 0) app.log.info({ deleted }, "expired sessions deleted");
          })
          .catch((error: unknown) => app.log.warn({ err: error }, "deleting expired sessions failed"));
      };
      const timer = setInterval(sweep, sweepIntervalMs);
      // The sweep must never keep the process (or a test run) alive.
      timer.unref();
      app.addHook("onClose", async () => clearInterval(timer));
    }
  },
  { name: "pp-session" },
);
