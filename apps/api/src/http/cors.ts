import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
const ALLOWED_HEADERS = ["content-type", "x-csrf-token", "x-request-id", "accept", "last-event-id"];
const EXPOSED_HEADERS = ["x-request-id", "retry-after", "content-disposition"];

/**
 * CORS for `origins` only (never `*`), credentials on. Routes no browser calls (health probes)
 * opt out with `config: { cors: false }`.
 */
export const registerCors = async (app: FastifyInstance, origins: readonly string[]): Promise<void> => {
  await app.register(cors, {
    // A list, not a function: requests without an Origin (same-origin, probes, servers) and
    // foreign origins get no Access-Control-Allow-Origin, without a callback per request.
    origin: [...origins],
    credentials: true,
    methods: METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
};

/**
 * The headers @fastify/cors puts on a non-preflight response, for the few responses written
 * before its hook can run (malformed URLs). A test keeps the two identical.
 */
export const corsHeadersFor = (
  origin: string | undefined,
  origins: readonly string[],
): Record<string, string> => ({
  vary: "Origin",
  ...(origin !== undefined && origins.includes(origin) && { "access-control-allow-origin": origin }),
  "access-control-allow-credentials": "true",
  "access-control-expose-headers": EXPOSED_HEADERS.join(", "),
});
