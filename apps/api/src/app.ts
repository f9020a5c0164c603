import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import cookie from "@fastify/cookie";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Database } from "@parametric-portal/database/client";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from "fastify";
import { swaggerUiAssetsDir } from "./bundle-assets";
import "./auth/current-user";
import { authPlugin } from "./auth/plugin";
import type { Config } from "./config";
import { registerErrorHandling } from "./http/errors";
import { createMetrics, instrument, type Metrics } from "./http/metrics";
import { registerSecurityHeaders } from "./http/security-headers";
import { iconsRoutes } from "./icons/icons-routes";
import { healthRoutes, type Lifecycle } from "./routes/health";

export interface AppDeps {
  readonly database: Database;
  readonly logger: FastifyBaseLogger;
  readonly lifecycle?: Lifecycle;
  readonly metrics?: Metrics;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the whole HTTP API without listening; tests drive it with `app.inject()`. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export const buildApp = async (config: Config, deps: AppDeps): Promise<App> => {
  const lifecycle = deps.lifecycle ?? { draining: false };
  const app: App = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Believe X-Forwarded-For only as far back as the configured number of proxy hops.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxy,
    // Accept a caller's id (from Traefik or another service) when it is well-formed.
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: "idle",
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest("user", null);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // While draining, keep-alive connections are closed after their response so `close()` can finish.
  app.addHook("onSend", async (_request, reply) => {
    if (lifecycle.draining) reply.header("connection", "close");
  });
  registerErrorHandling(app);
  const metrics = deps.metrics ?? createMetrics(deps.database);
  instrument(app, metrics);

  registerSecurityHeaders(app, {
    // The API answers JSON; only the docs UI needs more, and swagger-ui sets its own CSP.
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: "same-site" },
    hsts: config.nodeEnv === "production",
  });
  await app.register(cors, {
    origin: (origin, callback) => {
      // Same-origin and non-browser requests carry no Origin header.
      if (origin === undefined || config.corsOrigins.includes(origin)) callback(null, true);
      else callback(null, false);
    },
    credentials: true,
    methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowedHeaders: ["content-type", "x-csrf-token", "x-request-id", "accept", "last-event-id"],
    exposedHeaders: ["x-request-id", "retry-after", "content-disposition"],
    maxAge: 600,
  });
  await app.register(cookie);
  // Route limits are shared constants; scale copies, never the objects themselves.
  app.addHook("onRoute", (route) => {
    const limit = (route.config as { rateLimit?: unknown } | undefined)?.rateLimit;
    if (config.rateLimitScale === 1 || typeof limit !== "object" || limit === null) return;
    const max = (limit as { max?: unknown }).max;
    if (typeof max !== "number") return;
    route.config = { ...route.config, rateLimit: { ...limit, max: max * config.rateLimitScale } };
  });
  await app.register(rateLimit, { global: true, max: 600 * config.rateLimitScale, timeWindow: "1 minute" });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Parametric Portal API",
        version: "1.0.0",
        description:
          "CAD-style SVG toolbar icons from a sentence. Every error is `{ code, message, details? }`.",
      },
      servers: [{ url: config.baseUrl }],
    },
  });
  // The document is always built (tests read it); API_DOCS only decides whether it is served.
  if (config.apiDocs) {
    const swaggerAssets = swaggerUiAssetsDir();
    await app.register(swaggerUi, {
      routePrefix: "/api/docs",
      staticCSP: true,
      ...(swaggerAssets !== undefined && { baseDir: swaggerAssets }),
    });
  }

  await app.register(
    async (api) => {
      await api.register(authPlugin, { config, database: deps.database });
      await api.register(healthRoutes, { database: deps.database, lifecycle });
      await api.register(iconsRoutes, { config, database: deps.database, metrics });
    },
    { prefix: "/api" },
  );
  return app;
};
