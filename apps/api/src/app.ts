import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Database } from "@parametric-portal/database/client";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from "fastify";
import { swaggerUiAssetsDir } from "./bundle-assets";
import "./auth/current-user";
import { authPlugin } from "./auth/plugin";
import type { Config } from "./config";
import { registerCors } from "./http/cors";
import { clientErrorHandler, frameworkErrors } from "./http/edge-errors";
import { declareErrorResponses } from "./http/error-responses";
import { ApiError, registerErrorHandling, registerNotFound } from "./http/errors";
import { AccessLogController, lazyChildLogger } from "./http/logger";
import { createMetrics, instrument, type Metrics } from "./http/metrics";
import { registerRateLimits } from "./http/rate-limits";
import { apiSecurityHeaders, documentSecurityHeaders } from "./http/security-headers";
import { iconsRoutes } from "./icons/icons-routes";
import { healthRoutes, type Lifecycle } from "./routes/health";

export interface AppDeps {
  readonly database: Database;
  readonly logger: FastifyBaseLogger;
  readonly lifecycle?: Lifecycle;
  readonly metrics?: Metrics;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
const HEALTH_PREFIX = "/api/health/";
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
  const production = config.nodeEnv === "production";
  const headers = apiSecurityHeaders(production);
  const app: App = Fastify({
    loggerInstance: deps.logger,
    // Probes every few seconds would drown the log. Turned off here rather than with a route
    // `logLevel`, which makes pino rebuild every log method of each request's child logger.
    childLoggerFactory: lazyChildLogger,
    logController: new AccessLogController((url) => url.startsWith(HEALTH_PREFIX)),
    bodyLimit: BODY_LIMIT_BYTES,
    // Believe X-Forwarded-For only as far back as the configured number of proxy hops.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxy,
    // Accept a caller's id (from Traefik or another service) when it is well-formed.
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Answered by our own hook below, with the project's error shape and headers.
    return503OnClosing: false,
    frameworkErrors: frameworkErrors(headers, config.corsOrigins),
    clientErrorHandler: clientErrorHandler(headers),
    forceCloseConnections: "idle",
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest("user", null);
  // The one hook every response runs, health probes included: the request id. Synchronous hooks
  // throughout: an async one costs a promise and a microtask turn on every request.
  app.addHook("onRequest", (request, reply, done) => {
    reply.raw.setHeader("x-request-id", request.id);
    done();
  });
  registerErrorHandling(app);
  declareErrorResponses(app);
  // At the root, so the OpenAPI document sees every route, the probes' too.
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
  const metrics = deps.metrics ?? createMetrics(deps.database);
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });

  // Health probes answer kubelet and load balancers, every few seconds, a fixed body: no session,
  // cookies, CORS, rate limit, browser security headers or drain handling, and no series in the
  // request histogram (see docs/architecture.md#response-headers). Registered beside the scope
  // that has all of those, so none of its hooks runs for a probe.
  await app.register(healthRoutes, { prefix: "/api", database: deps.database, lifecycle });

  // Everything a browser or a client calls, and every unmatched URL (the not-found handler).
  await app.register(async (web) => {
    const headerEntries = Object.entries(headers);
    // The fixed headers go on the Node response, not through `reply.header`: Fastify keeps its
    // headers in a fresh object per reply, and keyed stores into it cost more than Node's own
    // map. Fastify's headers are merged over these when the response is written, so a route that
    // sets one of them (swagger-ui's CSP) still wins, and `reply.getHeader` still sees them.
    web.addHook("onRequest", (_request, reply, done) => {
      const raw = reply.raw;
      for (const [name, value] of headerEntries) raw.setHeader(name, value);
      done();
    });
    // While draining, keep-alive connections are closed after their response so `close()` can
    // finish. Decided when the response is sent: a request in flight when SIGTERM came must close
    // its connection too, or `close()` waits for it until the hard deadline.
    web.addHook("onSend", (_request, reply, payload, done) => {
      if (lifecycle.draining) reply.header("connection", "close");
      done(null, payload);
    });
    instrument(web, metrics);
    await registerCors(web, config.corsOrigins);
    // Fastify's own 503 while closing is a bare body without our headers; this one comes after
    // the headers and CORS hooks, so it carries them.
    web.addHook("onRequest", (_request, _reply, done) => {
      done(
        closing
          ? new ApiError("SHUTTING_DOWN", "This server is shutting down; retry and another one answers.")
          : undefined,
      );
    });
    await registerRateLimits(web, { database: deps.database, scale: config.rateLimitScale });
    registerNotFound(web);

    // The document is always built (tests read it); API_DOCS only decides whether it is served.
    if (config.apiDocs) {
      const swaggerAssets = swaggerUiAssetsDir();
      const documentHeaders = Object.entries(documentSecurityHeaders(production));
      await web.register(swaggerUi, {
        routePrefix: "/api/docs",
        staticCSP: true,
        // Pages get the document headers over the API's (the API's X-Frame-Options DENY becomes
        // SAMEORIGIN, as swagger-ui's frame-ancestors 'self' says).
        uiHooks: {
          onRequest: (_request, reply, done) => {
            for (const [name, value] of documentHeaders) reply.raw.setHeader(name, value);
            done();
          },
        },
        ...(swaggerAssets !== undefined && { baseDir: swaggerAssets }),
      });
    }
    await web.register(
      async (api) => {
        // Cookies only where sessions live: its parse and set-cookie hooks cost every request.
        await api.register(cookie);
        await api.register(authPlugin, { config, database: deps.database });
        await api.register(iconsRoutes, { config, database: deps.database, metrics });
      },
      { prefix: "/api" },
    );
  });
  return app;
};
