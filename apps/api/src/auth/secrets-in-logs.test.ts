import { randomBytes } from "node:crypto";
import {
  apiKeyOf,
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import { goodSvg, parseEvents, toolInput } from "@parametric-portal/test-support/icons-test-kit";
import {
  type MockProvider,
  startGitHubProvider,
  startOidcProvider,
} from "@parametric-portal/test-support/oauth-servers";
import { signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * One whole user journey at LOG_LEVEL=debug — sign in with two providers (over an older
 * session), save an API key, generate with it and with the server's key, stream, log out — and
 * then not one secret it handled may appear in the captured logs.
 */

const secret = (prefix: string) => `${prefix}${randomBytes(24).toString("base64url")}`;
const GOOGLE_SECRET = secret("google-secret-");
const GITHUB_SECRET = secret("github-secret-");
const SERVER_KEY = secret("sk-ant-server-");
const USER_KEY = secret("sk-ant-user-");
const ENCRYPTION_KEY = randomBytes(32).toString("base64");

let t: TestApp;
let google: MockProvider;
let github: MockProvider & { apiUrl: string };
let fake: FakeAnthropic;

beforeAll(async () => {
  google = await startOidcProvider();
  github = await startGitHubProvider();
  fake = await startFakeAnthropic();
  t = await createTestApp({
    LOG_LEVEL: "debug",
    ENCRYPTION_KEY,
    OAUTH_GOOGLE_CLIENT_ID: "google-client",
    OAUTH_GOOGLE_CLIENT_SECRET: GOOGLE_SECRET,
    OAUTH_GOOGLE_ISSUER_URL: google.issuerUrl,
    OAUTH_GITHUB_CLIENT_ID: "github-client",
    OAUTH_GITHUB_CLIENT_SECRET: GITHUB_SECRET,
    OAUTH_GITHUB_ISSUER_URL: github.issuerUrl,
    OAUTH_GITHUB_API_URL: github.apiUrl,
    ANTHROPIC_API_KEY: SERVER_KEY,
    ANTHROPIC_BASE_URL: fake.url,
  });
});
afterAll(async () => {
  await t?.close();
  await Promise.all([google?.stop(), github?.stop(), fake?.close()]);
});

const seen: string[] = [];
const cookieValue = (set: { name: string; value: string }[], name: string) => {
  const value = set.find((c) => c.name === name && c.value !== "")?.value;
  if (value === undefined) throw new Error(`no ${name} cookie was set`);
  seen.push(value);
  return value;
};

/** start → provider → callback in one browser that already holds `session`. */
const oauthSignIn = async (provider: "google" | "github", mock: MockProvider, session: string) => {
  mock.identity = { sub: String(Date.now()), email: `${provider}@example.test`, emailVerified: true };
  const started = await t.app.inject({ method: "GET", url: `/api/auth/oauth/${provider}` });
  const flow = cookieValue(started.cookies, "pp_oauth");
  const authorizeUrl = new URL(String(started.headers.location));
  const atProvider = await fetch(authorizeUrl, { redirect: "manual" });
  const back = new URL(String(atProvider.headers.get("location")));
  seen.push(back.searchParams.get("code")!, back.searchParams.get("state")!);
  seen.push(authorizeUrl.searchParams.get("code_challenge")!);
  const callback = await t.app.inject({
    method: "GET",
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `pp_oauth=${flow}; pp_session=${session}` },
  });
  expect(callback.headers.location).toBe(`${t.config.webAppUrl}/?signedIn=${provider}`);
  return cookieValue(callback.cookies, "pp_session");
};

describe("a whole flow at debug level", () => {
  it("works, rotates sessions, marks the key used, and logs no secret", async () => {
    const first = await signIn(t.app);
    const firstToken = first.cookie.split("=")[1]!;
    seen.push(firstToken, first.csrfToken);

    // Signing in again in the same browser revokes the session it held.
    const session = await oauthSignIn("google", google, firstToken);
    const me = (token: string) =>
      t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: `pp_session=${token}` } });
    expect((await me(firstToken)).statusCode).toBe(401);
    const githubSession = await oauthSignIn("github", github, session);
    expect((await me(session)).statusCode).toBe(401);
    const answer = await me(githubSession);
    expect(answer.statusCode).toBe(200);
    const csrfToken = answer.json().csrfToken as string;
    seen.push(csrfToken);
    const headers = { cookie: `pp_session=${githubSession}`, "x-csrf-token": csrfToken };

    const saved = await t.app.inject({
      method: "POST",
      url: "/api/auth/apikeys",
      headers,
      payload: { provider: "anthropic", name: "mine", key: USER_KEY },
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().key.lastUsedAt).toBeNull();

    fake.reply({ kind: "tool", inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING" }]) });
    const withUserKey = await t.app.inject({
      method: "POST",
      url: "/api/icons",
      headers,
      payload: { prompt: "line", engine: "anthropic" },
    });
    expect(withUserKey.statusCode).toBe(201);
    expect(apiKeyOf(fake.requests.at(-1)!)).toBe(USER_KEY);
    // The engine's use is recorded on the key.
    const listed = await t.app.inject({ method: "GET", url: "/api/auth/apikeys", headers });
    expect(listed.json().keys[0].lastUsedAt).not.toBeNull();

    await t.app.inject({ method: "DELETE", url: `/api/auth/apikeys/${saved.json().key.id}`, headers });
    const streamed = await t.app.inject({
      method: "POST",
      url: "/api/icons",
      headers: { ...headers, accept: "text/event-stream" },
      payload: { prompt: "line" },
    });
    expect(parseEvents(streamed.body).at(-1)?.event).toBe("done");
    expect(apiKeyOf(fake.requests.at(-1)!)).toBe(SERVER_KEY);

    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers });
    expect(out.statusCode).toBe(204);

    const logs = t.logs();
    // The capture works, at debug level: the flow's own lines are there.
    expect(t.app.log.level).toBe("debug");
    expect(logs).toContain("OAuth sign-in succeeded");
    expect(logs).toContain("/api/auth/apikeys");
    const secrets = [
      ...seen,
      ...google.accessTokens,
      ...github.accessTokens,
      GOOGLE_SECRET,
      GITHUB_SECRET,
      SERVER_KEY,
      USER_KEY,
      ENCRYPTION_KEY,
    ];
    expect(secrets.length).toBeGreaterThan(12);
    for (const value of secrets) {
      expect(value.length).toBeGreaterThan(15);
      expect({ leaked: logs.includes(value), value }).toEqual({ leaked: false, value });
    }
  });
});
