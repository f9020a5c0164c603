import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Events, OAuth2Server } from "oauth2-mock-server";

/**
 * Real OAuth 2.0 / OpenID Connect servers on loopback for the sign-in tests: `oauth2-mock-server`
 * serves discovery, /authorize (issues a code, checks PKCE) and /token; a tiny HTTP server plays
 * GitHub's REST API (/user, /user/emails), answering only to the access token that was issued.
 */

export interface Identity {
  sub: string;
  email?: string;
  /** OIDC: the `email_verified` claim. GitHub: the `verified` flag in /user/emails. */
  emailVerified?: boolean;
  name?: string;
  extraClaims?: Record<string, unknown>;
}

export interface MockProvider {
  readonly issuerUrl: string;
  /** Who the next sign-in at this provider will be. */
  identity: Identity;
  /** Access tokens handed out, so tests can check none leaked into logs. */
  readonly accessTokens: string[];
  stop(): Promise<void>;
}

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** An OIDC provider shaped like Google or Microsoft Entra ID. */
export const startOidcProvider = async ({ idToken = true } = {}): Promise<MockProvider> => {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(0, "127.0.0.1");
  server.issuer.url = `http://127.0.0.1:${server.address().port}`;
  const provider: MockProvider = {
    issuerUrl: server.issuer.url,
    identity: { sub: "nobody" },
    accessTokens: [],
    stop: () => server.stop(),
  };
  server.service.on(Events.BeforeTokenSigning, (token) => {
    const { sub, email, emailVerified, name, extraClaims } = provider.identity;
    Object.assign(token.payload, {
      sub,
      ...(email !== undefined && { email }),
      ...(emailVerified !== undefined && { email_verified: emailVerified }),
      ...(name !== undefined && { name }),
      ...extraClaims,
    });
  });
  server.service.on(Events.BeforeResponse, (response) => {
    const body = response.body as { access_token?: string; id_token?: string };
    if (body.access_token) provider.accessTokens.push(body.access_token);
    // GitHub's token endpoint sends no ID token.
    if (!idToken) delete body.id_token;
  });
  return provider;
};

/** GitHub's shape: plain OAuth 2.0 (no ID token) plus its REST API for the profile. */
export const startGitHubProvider = async (): Promise<MockProvider & { readonly apiUrl: string }> => {
  const oauth = await startOidcProvider({ idToken: false });
  const api = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const token = req.headers.authorization?.replace(/^Bearer /, "");
    if (!token || !oauth.accessTokens.includes(token)) return send(401, { message: "Bad credentials" });
    const { sub, email, emailVerified, name } = oauth.identity;
    // Like GitHub, /user shows the public address without saying whether it is verified.
    if (req.url === "/user") {
      return send(200, { id: Number(sub), login: `user${sub}`, name: name ?? null, email: email ?? null });
    }
    if (req.url === "/user/emails") {
      return send(200, email ? [{ email, primary: true, verified: emailVerified ?? false }] : []);
    }
    return send(404, { message: "Not Found" });
  });
  const apiUrl = await listen(api);
  return {
    get issuerUrl() {
      return oauth.issuerUrl;
    },
    get identity() {
      return oauth.identity;
    },
    set identity(value: Identity) {
      oauth.identity = value;
    },
    accessTokens: oauth.accessTokens,
    apiUrl,
    stop: async () => {
      await new Promise<void>((resolve) => api.close(() => resolve()));
      await oauth.stop();
    },
  };
};
