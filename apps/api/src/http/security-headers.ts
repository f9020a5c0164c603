import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/**
 * Helmet's headers on every response. @fastify/helmet builds helmet's middleware anew (parsing
 * the CSP directives again) for each request; built once here, a request only sets headers.
 */
export const registerSecurityHeaders = (app: FastifyInstance, options: HelmetOptions): void => {
  const apply = helmet(options);
  app.addHook("onRequest", (request, reply, done) => {
    apply(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
};
