import type { AuthorizationServer } from "oauth4webapi";
import { allowInsecureRequests, discoveryRequest, processDiscoveryResponse } from "oauth4webapi";
import type { Config, OAuthClientConfig, OAuthProvider } from "../config";

/**
 * Where each provider's endpoints are. The real ones are fixed here (no discovery round trip);
 * with OAUTH_<P>_ISSUER_URL set (tests, self-hosted mocks) they come from that server's
 * OpenID discovery document instead, and the rest of the flow is unchanged.
 */

export interface ProviderSetup {
  readonly provider: OAuthProvider;
  readonly client: OAuthClientConfig;
  readonly as: AuthorizationServer;
  /** OpenID Connect: identity from a validated ID token (with nonce); GitHub: from its REST API. */
  readonly oidc: boolean;
  readonly scope: string;
  /** GitHub's REST API root. */
  readonly apiUrl: string;
  /** Plain http is allowed only for a configured local test server. */
  readonly insecure: boolean;
  readonly redirectUri: string;
}

/** Microsoft's multi-tenant issuer: the placeholder is the tenant id from the token's `tid`. */
export const TENANT_PLACEHOLDER = "{tenantid}";

const staticServer = (provider: OAuthProvider, client: OAuthClientConfig): AuthorizationServer => {
  switch (provider) {
    case "github":
      return {
        issuer: "https://github.com/login/oauth",
        authorization_endpoint: "https://github.com/login/oauth/authorize",
        token_endpoint: "https://github.com/login/oauth/access_token",
      };
    case "google":
      return {
        issuer: "https://accounts.google.com",
        authorization_endpoint: "https://accounts.google.com/o/oauth2/v2/auth",
        token_endpoint: "https://oauth2.googleapis.com/token",
      };
    case "microsoft": {
      const tenant = client.tenantId ?? "common";
      const base = `https://login.microsoftonline.com/${tenant}`;
      const shared = ["common", "organizations", "consumers"].includes(tenant);
      return {
        issuer: `https://login.microsoftonline.com/${shared ? TENANT_PLACEHOLDER : tenant}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
      };
    }
  }
};

const discovered = new Map<string, Promise<AuthorizationServer>>();

const discover = (issuerUrl: string): Promise<AuthorizationServer> => {
  let pending = discovered.get(issuerUrl);
  if (!pending) {
    const issuer = new URL(issuerUrl);
    pending = discoveryRequest(issuer, {
      [allowInsecureRequests]: issuer.protocol === "http:",
      signal: AbortSignal.timeout(10_000),
    }).then((response) => processDiscoveryResponse(issuer, response));
    // A failed lookup is retried on the next sign-in instead of being cached.
    pending.catch(() => discovered.delete(issuerUrl));
    discovered.set(issuerUrl, pending);
  }
  return pending;
};

export const providerSetup = async (
  config: Pick<Config, "baseUrl" | "oauth">,
  provider: OAuthProvider,
): Promise<ProviderSetup | null> => {
  const client = config.oauth[provider];
  if (!client) return null;
  const as = client.issuerUrl ? await discover(client.issuerUrl) : staticServer(provider, client);
  const apiUrl = client.apiUrl ?? "https://api.github.com";
  const oidc = provider !== "github";
  return {
    provider,
    client,
    as,
    oidc,
    scope: oidc ? "openid email profile" : "read:user user:email",
    apiUrl,
    insecure: [client.issuerUrl, client.apiUrl].some((url) => url?.startsWith("http:")),
    redirectUri: `${config.baseUrl}/api/auth/oauth/${provider}/callback`,
  };
};
