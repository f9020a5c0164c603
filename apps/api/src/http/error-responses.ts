import { ErrorBodySchema } from "@parametric-portal/contracts/error-schema";
import type { FastifyInstance } from "fastify";

/**
 * Declares the one error body on every route's 4xx and 5xx responses, so the OpenAPI document
 * states it for routes added later too. A status a route declares itself (the readiness probe's
 * 503) is left as it is. Registered before any route.
 */
export const declareErrorResponses = (app: FastifyInstance): void => {
  app.addHook("onRoute", (route) => {
    if (route.schema === undefined) return;
    const response = (route.schema.response ?? {}) as Record<string, unknown>;
    route.schema.response = { "4xx": ErrorBodySchema, "5xx": ErrorBodySchema, ...response };
  });
};
