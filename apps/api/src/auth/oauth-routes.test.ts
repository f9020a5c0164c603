import { randomBytes } from "node:crypto";
import { oauthAccounts } from "@parametric-portal/database/schema";
import {
  type MockProvider,
  startGitHubProvider,
  startOidcProvider,
} from "@parametric-portal/test-support/oauth-servers";
import { signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OAuthProvider } from "../config";

let t: TestApp;
const providers = {} as Record<OAuthProvider, MockProvider>;

beforeAll(async () => {
  const github = await startGitHubProvider();
  providers.github = github;
  providers.google = await startOidcProvider();
  providers.microsoft = await startOidcProvider();
  // Every test here starts a sign-in from the same address: keep the per-route limit out of the way.
  const env: Record<string, string> = {
    OAUTH_GITHUB_API_URL: github.apiUrl,
    RATE_LIMIT_SCALE: "10",
    // Not the defaults: redirect URIs must follow API_BASE_URL, and sign-in must end at WEB_APP_URL.
    API_BASE_URL: "https://api.example.test",
    WEB_APP_URL: "https://icons.example.test",
  };
  for (const [id, mock] of Object.entries(providers)) {
    const prefix = `OAUTH_${id.toUpperCase()}`;
    env[`${prefix}_CLIENT_ID`] = `${id}-client`;
    env[`${prefix}_CLIENT_SECRET`] = randomBytes(16).toString("hex");
    env[`${prefix}_ISSUER_URL`] = mock.issuerUrl;
  }
  t = await createTestApp(env);
});
afterAll(async () => {
  await t?.close();
  await Promise.all(Object.values(providers).map((p) => p.stop()));
});

interface Started {
  readonly authorizeUrl: URL;
  readonly flowCookie: string;
}

const start = async (provider: OAuthProvider): Promise<Started> => {
  const response = await t.app.inject({ method: "GET", url: `/api/auth/oauth/${provider}` });
  expect(response.statusCode).toBe(302);
  const flow = response.cookies.find((c) => c.name === "pp_oauth");
  // API_BASE_URL is https here, so both cookies must be Secure.
  expect(flow).toMatchObject({
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/api/auth/oauth",
    maxAge: 600,
  });
  return { authorizeUrl: new URL(String(response.headers.location)), flowCookie: `pp_oauth=${flow!.value}` };
};

/** What the browser does at the provider: follow /authorize, which redirects back with a code. */
const authorize = async (authorizeUrl: URL): Promise<URL> => {
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(String(response.headers.get("location")));
};

const callback = (url: URL, cookie?: string) =>
  t.app.inject({ method: "GET", url: `${url.pathname}${url.search}`, headers: cookie ? { cookie } : {} });

const signInWith = async (provider: OAuthProvider) => {
  const { authorizeUrl, flowCookie } = await start(provider);
  const back = await authorize(authorizeUrl);
  const response = await callback(back, flowCookie);
  const session = response.cookies.find((c) => c.name === "pp_session" && c.value !== "");
  if (session) expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  return { response, back, flowCookie, cookie: session ? `pp_session=${session.value}` : undefined };
};

const me = (cookie: string) => t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });

describe.each(["github", "google", "microsoft"] as const)("%s sign-in", (provider) => {
  it("runs start → authorize → callback → session → /me", async () => {
    const sub = String(100_000 + Math.floor(Math.random() * 900_000));
    const email = `${provider}-${sub}@example.test`;
    providers[provider].identity = { sub, email, emailVerified: true, name: `${provider} person` };
    const { authorizeUrl } = await start(provider);
    expect(authorizeUrl.origin).toBe(providers[provider].issuerUrl);
    expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(
      `${t.config.baseUrl}/api/auth/oauth/${provider}/callback`,
    );
    expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizeUrl.searchParams.get("state")).toMatch(/^[\w-]{32,}$/);
    expect(authorizeUrl.searchParams.has("nonce")).toBe(provider !== "github");

    const { response, back, cookie } = await signInWith(provider);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`${t.config.webAppUrl}/?signedIn=${provider}`);
    expect(cookie).toBeDefined();
    const answer = await me(cookie!);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().user).toMatchObject({ email, name: `${provider} person` });
    const [account] = await t.database.db
      .select()
      .from(oauthAccounts)
      .where(eq(oauthAccounts.userId, answer.json().user.id));
    expect(account).toMatchObject({ provider, providerAccountId: sub });

    // Signing in again finds the same user through the provider account.
    const again = await signInWith(provider);
    expect((await me(again.cookie!)).json().user.id).toBe(answer.json().user.id);

    // Nothing secret in the logs: not the code, the state, the access tokens or the cookies.
    const logs = t.logs();
    for (const secret of [
      back.searchParams.get("code")!,
      back.searchParams.get("state")!,
      ...providers[provider].accessTokens,
      cookie!.split("=")[1]!,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it("links to an existing user only when the provider verified the address", async () => {
    const email = `shared-${provider}-${randomBytes(4).toString("hex")}@example.test`;
    const existing = await signIn(t.app, { email });

    providers[provider].identity = { sub: String(Date.now()), email, emailVerified: false };
    const unverified = await signInWith(provider);
    expect(unverified.response.headers.location).toBe(`${t.config.webAppUrl}/?signedIn=${provider}`);
    const stranger = (await me(unverified.cookie!)).json().user;
    expect(stranger.id).not.toBe(existing.userId);
    expect(stranger.email).toBeNull();

    providers[provider].identity = { sub: String(Date.now() + 1), email, emailVerified: true };
    const verified = await signInWith(provider);
    expect((await me(verified.cookie!)).json().user.id).toBe(existing.userId);
  });
});

describe("rejected callbacks", () => {
  const rejected = (response: { statusCode: number; headers: Record<string, unknown> }, code: string) => {
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`${t.config.webAppUrl}/?authError=${code}`);
    expect(String(response.headers["set-cookie"] ?? "")).not.toMatch(/pp_session=[^;]/);
  };

  it("refuses a wrong state", async () => {
    providers.google.identity = { sub: "wrong-state" };
    const { authorizeUrl, flowCookie } = await start("google");
    const back = await authorize(authorizeUrl);
    back.searchParams.set("state", "forged-state-forged-state-forged-state");
    rejected(await callback(back, flowCookie), "state_invalid");
  });

  it("refuses a state used twice", async () => {
    providers.google.identity = { sub: "replay" };
    const first = await signInWith("google");
    expect(first.cookie).toBeDefined();
    rejected(await callback(first.back, first.flowCookie), "state_invalid");
  });

  it("refuses a callback without the flow cookie, or with another browser's", async () => {
    const { authorizeUrl } = await start("microsoft");
    const back = await authorize(authorizeUrl);
    rejected(await callback(back), "state_missing");
    const other = await start("microsoft");
    rejected(await callback(back, other.flowCookie), "state_invalid");
  });

  it("refuses an expired flow", async () => {
    const { authorizeUrl, flowCookie } = await start("github");
    const back = await authorize(authorizeUrl);
    await t.database.query("update oauth_flows set expires_at = now() - interval '1 second'");
    rejected(await callback(back, flowCookie), "state_expired");
  });

  it("reports the provider's error= callback", async () => {
    const { authorizeUrl, flowCookie } = await start("google");
    const state = authorizeUrl.searchParams.get("state")!;
    const back = new URL(`${t.config.baseUrl}/api/auth/oauth/google/callback`);
    back.search = new URLSearchParams({ error: "access_denied", state }).toString();
    rejected(await callback(back, flowCookie), "access_denied");
    back.search = new URLSearchParams({ error: "server_error", state }).toString();
    // The flow was spent by the first callback.
    rejected(await callback(back, flowCookie), "state_invalid");
  });

  it("refuses an ID token for a different nonce", async () => {
    providers.google.identity = { sub: "nonce", extraClaims: { nonce: "someone-elses-nonce" } };
    const { response } = await signInWith("google");
    rejected(response, "token_invalid");
  });

  it("never redirects anywhere but WEB_APP_URL, whatever the query says", async () => {
    const evil = "https://evil.example/steal";
    providers.google.identity = { sub: "open-redirect", email: "or@example.test", emailVerified: true };
    const started = await t.app.inject({
      method: "GET",
      url: `/api/auth/oauth/google?${new URLSearchParams({ next: evil, redirect_uri: evil, returnTo: evil })}`,
    });
    expect(started.statusCode).toBe(302);
    const authorizeUrl = new URL(String(started.headers.location));
    expect(authorizeUrl.origin).toBe(providers.google.issuerUrl);
    expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(
      "https://api.example.test/api/auth/oauth/google/callback",
    );
    expect(started.headers.location).not.toContain("evil.example");
    const flowCookie = `pp_oauth=${started.cookies.find((c) => c.name === "pp_oauth")!.value}`;
    const back = await authorize(authorizeUrl);
    back.searchParams.set("next", evil);
    back.searchParams.set("redirect_uri", evil);
    const done = await callback(back, flowCookie);
    expect(done.headers.location).toBe("https://icons.example.test/?signedIn=google");

    const failed = new URL(back);
    failed.search = new URLSearchParams({ error: "access_denied", next: evil }).toString();
    expect((await callback(failed, flowCookie)).headers.location).toBe(
      "https://icons.example.test/?authError=state_invalid",
    );
  });

  it("uses fresh random state, verifier and nonce for every sign-in", async () => {
    const a = await start("google");
    const b = await start("google");
    for (const name of ["state", "code_challenge", "nonce"]) {
      expect(a.authorizeUrl.searchParams.get(name)).not.toBe(b.authorizeUrl.searchParams.get(name));
      expect(a.authorizeUrl.searchParams.get(name)).toMatch(/^[\w-]{32,}$/);
    }
  });

  it("answers 404 for an unknown provider", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/auth/oauth/myspace" });
    expect(response.statusCode).toBe(404);
  });
});
