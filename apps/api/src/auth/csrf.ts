import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ApiError } from "../http/errors";
import type { CurrentUser } from "./current-user";

/**
 * CSRF defence for cookie-authenticated writes: a token bound to the session (an HMAC of its id,
 * so nothing extra is stored) must come back in `x-csrf-token`, and a browser's Origin, when
 * sent, must be one of ours. SameSite=Lax already stops most cross-site posts; this covers the rest.
 */

export const CSRF_HEADER = "x-csrf-token";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const csrfTokenFor = (secret: Buffer, sessionId: string): string =>
  createHmac("sha256", secret).update(`csrf:${sessionId}`).digest("base64url");

const sameToken = (expected: string, given: string): boolean => {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const isUnsafeMethod = (method: string): boolean => UNSAFE_METHODS.has(method);

/**
 * The check for one secret: throws 403 CSRF_FAILED when an unsafe request comes from a foreign
 * origin or lacks the token. The expected token is kept per user object, so a session served from
 * the session cache (the same object each time) costs one HMAC, not one per request.
 */
export const csrfCheck = (
  secret: Buffer,
  allowedOrigins: ReadonlySet<string>,
): ((request: FastifyRequest) => void) => {
  const expected = new WeakMap<CurrentUser, string>();
  const tokenOf = (user: CurrentUser) => {
    let token = expected.get(user);
    if (token === undefined) {
      token = csrfTokenFor(secret, user.sessionId);
      expected.set(user, token);
    }
    return token;
  };
  return (request) => checkCsrf(request, tokenOf, allowedOrigins);
};

const checkCsrf = (
  request: FastifyRequest,
  tokenOf: (user: CurrentUser) => string,
  allowedOrigins: ReadonlySet<string>,
): void => {
  if (!isUnsafeMethod(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin)) {
    throw new ApiError("CSRF_FAILED", "This request came from a site that may not call the API.");
  }
  // Only a live session can be abused by a forged request; anonymous writes have no ambient authority.
  if (request.user === null) return;
  const given = request.headers[CSRF_HEADER];
  if (typeof given !== "string" || !sameToken(tokenOf(request.user), given)) {
    throw new ApiError(
      "CSRF_FAILED",
      "Missing or wrong x-csrf-token header; send the csrfToken from GET /api/auth/me.",
    );
  }
};
