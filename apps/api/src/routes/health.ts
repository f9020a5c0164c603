import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Database } from "@parametric-portal/database/client";
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";

export interface Lifecycle {
  /** Set on SIGTERM: readiness fails so load balancers stop sending traffic while we drain. */
  draining: boolean;
}

const HealthBody = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("unavailable")]),
  checks: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const READINESS_TIMEOUT_MS = 2_000;

export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database; lifecycle: Lifecycle }> = async (
  app,
  { database, lifecycle },
) => {
  // Probes are not browsers and must never be throttled: no CORS work, no rate limit.
  const probe = { rateLimit: false, cors: false } as const;
  // The probes' share of the drain (the other routes' scope has an onSend hook for it): while
  // draining, a probe's keep-alive connection is closed after its answer, or `close()` would wait
  // for it until the hard deadline. A branch here rather than a hook on every probe.
  const keepAliveUnlessDraining = (reply: FastifyReply) => {
    if (lifecycle.draining) reply.header("connection", "close");
  };
  app.get(
    "/health/liveness",
    {
      config: probe,
      schema: { tags: ["health"], summary: "The process is up", response: { 200: HealthBody } },
    },
    async (_request, reply) => {
      keepAliveUnlessDraining(reply);
      return { status: "ok" as const };
    },
  );

  app.get(
    "/health/readiness",
    {
      config: probe,
      schema: {
        tags: ["health"],
        summary: "Ready for traffic: database reachable and not shutting down",
        response: { 200: HealthBody, 503: HealthBody },
      },
    },
    async (_request, reply) => {
      if (lifecycle.draining) {
        keepAliveUnlessDraining(reply);
        return reply.status(503).send({ status: "unavailable", checks: { server: "draining" } });
      }
      try {
        await database.ping(READINESS_TIMEOUT_MS);
        // Decided after the ping: SIGTERM may have come while it ran.
        keepAliveUnlessDraining(reply);
        return { status: "ok" as const, checks: { database: "ok" } };
      } catch (error) {
        reply.log.warn({ err: error }, "readiness: database unreachable");
        keepAliveUnlessDraining(reply);
        return reply.status(503).send({ status: "unavailable", checks: { database: "unreachable" } });
      }
    },
  );
};
