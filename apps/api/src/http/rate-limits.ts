import rateLimit from "@fastify/rate-limit";
import type { Database } from "@parametric-portal/database/client";
import type { FastifyInstance } from "fastify";
import { sharedRouteLimitStore, sweepRateLimitCounters } from "./rate-limit-store";

export const GLOBAL_RATE_LIMIT_PER_MINUTE = 600;
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The global limit (600/min per client × `scale`, in this pod's memory) and the routes' own
 * limits (× `scale`, shared by every replica through PostgreSQL). Routes opt out with
 * `config: { rateLimit: false }` (health checks).
 */
export const registerRateLimits = async (
  app: FastifyInstance,
  { database, scale }: { readonly database: Database; readonly scale: number },
): Promise<void> => {
  // Route limits are shared constants; scale copies, never the objects themselves.
  app.addHook("onRoute", (route) => {
    const limit = (route.config as { rateLimit?: unknown } | undefined)?.rateLimit;
    if (scale === 1 || typeof limit !== "object" || limit === null) return;
    const max = (limit as { max?: unknown }).max;
    if (typeof max !== "number") return;
    route.config = { ...route.config, rateLimit: { ...limit, max: max * scale } };
  });
  await app.register(rateLimit, {
    global: true,
    max: GLOBAL_RATE_LIMIT_PER_MINUTE * scale,
    timeWindow: "1 minute",
    store: sharedRouteLimitStore(database),
  });

  const sweep = () => {
    sweepRateLimitCounters(database).catch((error: unknown) =>
      app.log.warn({ err: error }, "deleting ended rate-limit windows failed"),
    );
  };
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  // The sweep must never keep the process (or a test run) alive.
  timer.unref();
  app.addHook("onClose", async () => clearInterval(timer));
};
