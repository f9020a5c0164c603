import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { AuthErrorCode } from "@parametric-portal/contracts/auth";
import type { Database } from "@parametric-portal/database/client";
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import { calculatePKCECodeChallenge } from "oauth4webapi";
import type { Config, OAuthProvider } from "../config";
import { ApiError, notFound } from "../http/errors";
import { linkOrCreateUser } from "./accounts";
import { type ProviderSetup, providerSetup } from "./oauth-endpoints";
import { exchangeCode } from "./oauth-exchange";
import { FLOW_COOKIE, FLOW_COOKIE_PATH, FLOW_TTL_MS, redeemFlow, startFlow } from "./oauth-flow";
import { isProvider, PROVIDERS } from "./providers";
import type { SessionCache } from "./session-cache";
import { cookiesAreSecure } from "./session-cookie";
import { startSession } from "./sign-in";
import { SignInError } from "./sign-in-error";

export interface OAuthRoutesOptions {
  readonly config: Config;
  readonly database: Database;
  readonly flowKey: Buffer;
  readonly sessionCache?: SessionCache | undefined;
}

const OAUTH_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: "1 minute" } } as const;
const ProviderParams = Type.Object({ provider: Type.String({ maxLength: 32 }) });
const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() });
// Provider error codes (RFC 6749 §4.1.2.1) worth telling apart in the web app; others are generic.
const PROVIDER_ERRORS = new Set([
  "access_denied",
  "consent_required",
  "login_required",
  "interaction_required",
]);

export const oauthRoutes: FastifyPluginAsyncTypebox<OAuthRoutesOptions> = async (
  app,
  { config, database, flowKey, sessionCache },
) => {
  const flowCookie = {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET navigation, which Lax still sends.
    sameSite: "lax" as const,
    secure: cookiesAreSecure(config.baseUrl),
    path: FLOW_COOKIE_PATH,
  };

  const configured = async (provider: string): Promise<ProviderSetup> => {
    if (!isProvider(provider)) throw notFound(`Sign-in provider "${provider}"`);
    const name = PROVIDERS.find((p) => p.id === provider)?.name ?? provider;
    let setup: ProviderSetup | null;
    try {
      setup = await providerSetup(config, provider);
    } catch (error) {
      app.log.warn({ err: error, provider }, "OAuth provider metadata unavailable");
      throw new ApiError("PROVIDER_UNAVAILABLE", `${name} sign-in is unavailable right now; try again.`);
    }
    if (!setup) {
      const prefix = `OAUTH_${provider.toUpperCase()}`;
      throw new ApiError(
        "PROVIDER_NOT_CONFIGURED",
        `${name} sign-in is not configured on this server: set ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET.`,
      );
    }
    return setup;
  };

  app.get(
    "/auth/oauth/:provider",
    {
      config: OAUTH_RATE_LIMIT,
      schema: {
        tags: ["auth"],
        summary: "Start signing in with a provider (redirects to it)",
        params: ProviderParams,
        response: { 302: Type.Null(), 404: ErrorBody, 502: ErrorBody },
      },
    },
    async (request, reply) => {
      const setup = await configured(request.params.provider);
      const { flow, cookie } = await startFlow(database, flowKey, setup.provider);
      const url = new URL(setup.as.authorization_endpoint ?? "");
      url.search = new URLSearchParams({
        client_id: setup.client.clientId,
        redirect_uri: setup.redirectUri,
        response_type: "code",
        scope: setup.scope,
        state: flow.state,
        code_challenge: await calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: "S256",
        ...(setup.oidc && { nonce: flow.nonce }),
        ...(setup.provider === "microsoft" && { prompt: "select_account" }),
      }).toString();
      reply.setCookie(FLOW_COOKIE, cookie, { ...flowCookie, maxAge: FLOW_TTL_MS / 1000 });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    "/auth/oauth/:provider/callback",
    {
      config: OAUTH_RATE_LIMIT,
      schema: {
        tags: ["auth"],
        summary: "Where the provider sends the browser back; redirects to the web app",
        params: ProviderParams,
        querystring: Type.Record(Type.String(), Type.String({ maxLength: 4096 })),
        response: { 302: Type.Null(), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const setup = await configured(request.params.provider);
      const provider: OAuthProvider = setup.provider;
      const fail = (code: AuthErrorCode, reason: string) => {
        request.log.warn({ provider, code, reason }, "OAuth sign-in failed");
        return back(reply, `${config.webAppUrl}/?authError=${encodeURIComponent(code)}`);
      };
      // Single use: whatever happens next, this browser's flow cookie is spent.
      reply.clearCookie(FLOW_COOKIE, flowCookie);
      const query = request.query;
      const flow = await redeemFlow(database, flowKey, provider, request.cookies[FLOW_COOKIE], query.state);
      if (typeof flow === "string") return fail(flow, "state check failed");
      if (query.error !== undefined) {
        const code = PROVIDER_ERRORS.has(query.error) ? (query.error as AuthErrorCode) : "provider_error";
        return fail(code, `provider returned error=${query.error.slice(0, 64)}`);
      }
      const callbackUrl = new URL(`${setup.redirectUri}?${new URLSearchParams(query).toString()}`);
      try {
        const profile = await exchangeCode(setup, callbackUrl, flow);
        const { userId, linked } = await linkOrCreateUser(database, provider, profile);
        await startSession(database, config, request, reply, userId, sessionCache);
        request.log.info({ provider, linked }, "OAuth sign-in succeeded");
      } catch (error) {
        if (error instanceof SignInError) return fail(error.code, error.message);
        request.log.error({ err: error, provider }, "OAuth sign-in crashed");
        return fail("server_error", "unexpected failure");
      }
      return back(reply, `${config.webAppUrl}/?signedIn=${provider}`);
    },
  );
};

const back = (reply: FastifyReply, url: string) => reply.redirect(url, 302);
