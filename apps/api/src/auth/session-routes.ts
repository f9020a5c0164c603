import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  DevSignInBody,
  MeResponse,
  ProvidersResponse,
  SignedOutResponse,
} from "@parametric-portal/contracts/auth";
import type { Database } from "@parametric-portal/database/client";
import { Type } from "@sinclair/typebox";
import type { Config } from "../config";
import { notFound } from "../http/errors";
import { anthropicKeySource } from "./api-keys";
import { csrfTokenFor } from "./csrf";
import { requireUser, userOf } from "./current-user";
import { PROVIDERS } from "./providers";
import type { SessionCache } from "./session-cache";
import { SESSION_COOKIE } from "./session-cookie";
import { revokeAllSessions, revokeSession, revokeSessionByToken } from "./sessions";
import { clearSessionCookie, startSession } from "./sign-in";
import { findOrCreateDevUser } from "./users";

export interface SessionRoutesOptions {
  readonly config: Config;
  readonly database: Database;
  readonly csrfSecret: Buffer;
  readonly sessionCache?: SessionCache | undefined;
}

const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() });
export const SIGN_IN_RATE_LIMIT = { rateLimit: { max: 60, timeWindow: "1 minute" } } as const;
const DEV_EMAIL = "developer@localhost.test";

export const sessionRoutes: FastifyPluginAsyncTypebox<SessionRoutesOptions> = async (
  app,
  { config, database, csrfSecret, sessionCache },
) => {
  app.get(
    "/auth/providers",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign-in methods and whether each is configured",
        response: { 200: ProvidersResponse },
      },
    },
    async () => ({
      providers: PROVIDERS.map(({ id, name }) => ({ id, name, configured: config.oauth[id] !== undefined })),
      devSignIn: config.devSignIn,
    }),
  );

  app.get(
    "/auth/me",
    {
      schema: {
        tags: ["auth"],
        summary: "The signed-in user and the CSRF token to send with writes",
        description:
          "Without a session cookie: 200 `{ user: null }` (nobody is signed in, which is not an error). " +
          "With a cookie that no longer names a live session (expired, revoked, forged): 401 UNAUTHENTICATED, " +
          "so a client learns its session ended.",
        response: { 200: Type.Union([MeResponse, SignedOutResponse]), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      // The CSRF token is per session: never let a shared cache keep it.
      reply.header("cache-control", "no-store");
      if (request.user === null && request.cookies[SESSION_COOKIE] === undefined) return { user: null };
      const { id, email, name, avatarUrl, sessionId } = userOf(request);
      return {
        user: { id, email, name, avatarUrl },
        csrfToken: csrfTokenFor(csrfSecret, sessionId),
        engines: { anthropic: await anthropicKeySource(database, config.anthropic.apiKey, id) },
      };
    },
  );

  app.post(
    "/auth/logout",
    {
      config: SIGN_IN_RATE_LIMIT,
      schema: {
        tags: ["auth"],
        summary: "Revoke the session and clear its cookie",
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      if (request.user !== null) await revokeSession(database, request.user.sessionId, sessionCache);
      else {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await revokeSessionByToken(database, token, sessionCache);
      }
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/logout-all",
    {
      config: SIGN_IN_RATE_LIMIT,
      preHandler: requireUser,
      schema: {
        tags: ["auth"],
        summary: "Sign out everywhere: revoke every session of the signed-in user and clear this cookie",
        response: { 204: Type.Null(), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const { id, sessionId } = userOf(request);
      const revoked = await revokeAllSessions(database, id, sessionCache);
      request.log.info({ sessionId, revoked }, "signed out everywhere");
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  // Belt and braces: loadConfig already refuses DEV_SIGN_IN in production.
  if (config.devSignIn && config.nodeEnv !== "production") {
    app.post(
      "/auth/dev/sign-in",
      {
        config: SIGN_IN_RATE_LIMIT,
        schema: {
          tags: ["auth"],
          summary: "Development only: sign in as any address without a provider",
          body: Type.Optional(DevSignInBody),
          response: { 200: MeResponse },
        },
      },
      async (request, reply) => {
        const email = request.body?.email ?? DEV_EMAIL;
        const user = await findOrCreateDevUser(database, email, request.body?.name ?? null);
        const { sessionId } = await startSession(database, config, request, reply, user.id, sessionCache);
        reply.header("cache-control", "no-store");
        return {
          user: { id: user.id, email: user.email, name: user.name, avatarUrl: user.avatarUrl },
          csrfToken: csrfTokenFor(csrfSecret, sessionId),
          engines: { anthropic: await anthropicKeySource(database, config.anthropic.apiKey, user.id) },
        };
      },
    );
  } else {
    app.post("/auth/dev/sign-in", { schema: { hide: true } }, async () => {
      throw notFound("Development sign-in (it is off: DEV_SIGN_IN=false or NODE_ENV=production)");
    });
  }
};
