import {
  type AuthorizationServer,
  allowInsecureRequests,
  authorizationCodeGrantRequest,
  ClientSecretPost,
  getValidatedIdTokenClaims,
  type IDToken,
  processAuthorizationCodeResponse,
  validateAuthResponse,
} from "oauth4webapi";
import { type ProviderSetup, TENANT_PLACEHOLDER } from "./oauth-endpoints";
import type { Flow } from "./oauth-flow";
import { githubProfile, oidcProfile, type Profile } from "./oauth-profile";
import { SignInError } from "./sign-in-error";

/**
 * The back-channel half of sign-in: redeem the code (with the PKCE verifier) at the token
 * endpoint, validate the ID token (issuer, audience, expiry, nonce) and read the profile.
 */

const TIMEOUT_MS = 10_000;

const decodePayload = (jwt: unknown): Record<string, unknown> => {
  if (typeof jwt !== "string") return {};
  try {
    return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
  } catch {
    return {};
  }
};

/**
 * Microsoft's shared tenants ("common") issue tokens whose `iss` names the user's own tenant;
 * the expected issuer is the template filled with the token's `tid`, as Microsoft documents.
 */
export const resolveIssuer = (as: AuthorizationServer, tokenBody: unknown): AuthorizationServer => {
  if (!as.issuer.includes(TENANT_PLACEHOLDER)) return as;
  const idToken = (tokenBody as { id_token?: unknown } | null)?.id_token;
  const tid = decodePayload(idToken).tid;
  if (typeof tid !== "string" || !/^[0-9a-f-]{36}$/i.test(tid)) {
    throw new SignInError("token_invalid", "the Microsoft ID token has no valid tid claim");
  }
  return { ...as, issuer: as.issuer.replace(TENANT_PLACEHOLDER, tid) };
};

export const exchangeCode = async (setup: ProviderSetup, callbackUrl: URL, flow: Flow): Promise<Profile> => {
  const client = { client_id: setup.client.clientId };
  const http = { [allowInsecureRequests]: setup.insecure, signal: () => AbortSignal.timeout(TIMEOUT_MS) };
  let params: URLSearchParams;
  try {
    params = validateAuthResponse(setup.as, client, callbackUrl, flow.state);
  } catch (error) {
    throw new SignInError("provider_error", `authorization response rejected: ${(error as Error).message}`);
  }
  let response: Response;
  try {
    response = await authorizationCodeGrantRequest(
      setup.as,
      client,
      ClientSecretPost(setup.client.clientSecret),
      params,
      setup.redirectUri,
      flow.verifier,
      http,
    );
  } catch (error) {
    throw new SignInError("provider_unreachable", `token endpoint unreachable: ${(error as Error).message}`);
  }
  let as = setup.as;
  if (setup.oidc && response.ok)
    as = resolveIssuer(
      as,
      await response
        .clone()
        .json()
        .catch(() => null),
    );
  let claims: IDToken | undefined;
  let accessToken: string;
  try {
    const result = await processAuthorizationCodeResponse(as, client, response, {
      ...(setup.oidc && { expectedNonce: flow.nonce, requireIdToken: true }),
    });
    accessToken = result.access_token;
    claims = getValidatedIdTokenClaims(result);
  } catch (error) {
    // oauth4webapi's messages name the failed check, never a token value.
    throw new SignInError("token_invalid", `token response rejected: ${(error as Error).message}`);
  }
  if (setup.oidc) {
    if (!claims) throw new SignInError("token_invalid", "no ID token in the token response");
    return oidcProfile(setup.provider, claims);
  }
  return githubProfile(setup.apiUrl, accessToken, http.signal);
};
