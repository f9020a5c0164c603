import type { Database } from "@parametric-portal/database/client";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config";
import type { SessionCache } from "./session-cache";
import { SESSION_COOKIE, sessionCookieOptions } from "./session-cookie";
import { createSession, deleteDeadSessions, revokeSessionByToken } from "./sessions";

/**
 * Every sign-in ends here: the old session (if any) is revoked and a brand-new token issued, so a
 * token planted before sign-in (session fixation) is worthless afterwards.
 */
export const startSession = async (
  database: Database,
  config: Pick<Config, "baseUrl">,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  cache?: SessionCache,
): Promise<{ sessionId: string }> => {
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await revokeSessionByToken(database, previous, cache);
  await deleteDeadSessions(database, userId);
  const { token, sessionId } = await createSession(database, userId, {
    userAgent: request.headers["user-agent"],
    ip: request.ip,
  });
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config));
  request.log.info({ userId }, "signed in");
  return { sessionId };
};

export const clearSessionCookie = (reply: FastifyReply, config: Pick<Config, "baseUrl">): void => {
  const { maxAge: _maxAge, ...options } = sessionCookieOptions(config);
  reply.clearCookie(SESSION_COOKIE, options);
};
