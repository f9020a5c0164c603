import { sessions } from "@parametric-portal/database/schema";
import { useTestApp } from "@parametric-portal/test-support/hooks";
import { signIn } from "@parametric-portal/test-support/session";
import { createTestApp } from "@parametric-portal/test-support/test-app";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { createLogger } from "../http/logger";
import { cookiesAreSecure } from "./session-cookie";

const t = useTestApp();

const me = (cookie?: string) =>
  t.app.inject({ method: "GET", url: "/api/auth/me", headers: cookie ? { cookie } : {} });

describe("sessions", () => {
  it("signs in through the development route and answers /me with a CSRF token", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/dev/sign-in",
      payload: { email: "Ada@Example.test", name: "Ada" },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toMatch(/^pp_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    // http://localhost is the one case where Secure must be left off.
    expect(setCookie).not.toContain("Secure");
    const cookie = `pp_session=${response.cookies[0]?.value}`;
    const body = response.json();
    expect(body.user).toMatchObject({ email: "Ada@Example.test", name: "Ada", avatarUrl: null });
    const answer = await me(cookie);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual(body);
  });

  it("stores only the SHA-256 of the token", async () => {
    const { cookie, userId } = await signIn(t.app);
    const token = cookie.split("=")[1]!;
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.userId, userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash.toString("hex")).not.toContain(Buffer.from(token).toString("hex"));
    expect(rows[0]!.tokenHash).toHaveLength(32);
  });

  it("issues a new token on every sign-in and revokes the one presented", async () => {
    const first = await signIn(t.app, { email: "rotate@example.test" });
    const again = await t.app.inject({
      method: "POST",
      url: "/api/auth/dev/sign-in",
      headers: { cookie: first.cookie, "x-csrf-token": first.csrfToken },
      payload: { email: "rotate@example.test" },
    });
    expect(again.statusCode).toBe(200);
    const second = `pp_session=${again.cookies[0]?.value}`;
    expect(second).not.toBe(first.cookie);
    expect((await me(first.cookie)).statusCode).toBe(401);
    expect((await me(second)).json().user.id).toBe(first.userId);
  });

  it("answers a signed-out browser (no cookie) 200 with no user, so page loads log no error", async () => {
    const answer = await me();
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ user: null });
    expect(answer.headers["cache-control"]).toBe("no-store");
  });

  it("rejects a forged, expired, past-absolute-limit or revoked token", async () => {
    expect((await me(`pp_session=${"A".repeat(43)}`)).json()).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await me(`pp_session=${"A".repeat(43)}`)).statusCode).toBe(401);
    expect((await me("pp_session=not-a-token")).statusCode).toBe(401);

    const expired = await signIn(t.app);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.userId, expired.userId));
    expect((await me(expired.cookie)).statusCode).toBe(401);

    const tooOld = await signIn(t.app);
    await t.database.db
      .update(sessions)
      .set({ absoluteExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.userId, tooOld.userId));
    expect((await me(tooOld.cookie)).statusCode).toBe(401);

    const revoked = await signIn(t.app);
    await t.database.db
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(eq(sessions.userId, revoked.userId));
    expect((await me(revoked.cookie)).statusCode).toBe(401);
  });

  it("slides the expiry on use but never past the absolute limit", async () => {
    const user = await signIn(t.app);
    await t.database.db
      .update(sessions)
      .set({
        lastActiveAt: sql`now() - interval '1 hour'`,
        expiresAt: sql`now() + interval '1 hour'`,
        absoluteExpiresAt: sql`now() + interval '2 hours'`,
      })
      .where(eq(sessions.userId, user.userId));
    expect((await me(user.cookie)).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.userId, user.userId));
    expect(row!.expiresAt.getTime()).toBe(row!.absoluteExpiresAt.getTime());
  });

  it("logs out: revokes the session and clears the cookie", async () => {
    const user = await signIn(t.app);
    const out = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: user.cookie, "x-csrf-token": user.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/^pp_session=;/);
    expect((await me(user.cookie)).statusCode).toBe(401);
  });
});

describe("CSRF", () => {
  const logout = (headers: Record<string, string>) =>
    t.app.inject({ method: "POST", url: "/api/auth/logout", headers });

  it("refuses a cookie-authenticated write without the header or with a wrong one", async () => {
    const user = await signIn(t.app);
    const attempts: Record<string, string>[] = [
      { cookie: user.cookie },
      { cookie: user.cookie, "x-csrf-token": "forged" },
    ];
    for (const headers of attempts) {
      const response = await logout(headers);
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("CSRF_FAILED");
    }
    // Another session's token does not fit this session.
    const other = await signIn(t.app);
    expect((await logout({ cookie: user.cookie, "x-csrf-token": other.csrfToken })).statusCode).toBe(403);
    expect((await me(user.cookie)).statusCode).toBe(200);
  });

  it("refuses a foreign Origin even with the right token, and accepts our own origins", async () => {
    const user = await signIn(t.app);
    const headers = { cookie: user.cookie, "x-csrf-token": user.csrfToken };
    const foreign = await logout({ ...headers, origin: "https://evil.example" });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe("CSRF_FAILED");
    const signInFromEvil = await t.app.inject({
      method: "POST",
      url: "/api/auth/dev/sign-in",
      headers: { origin: "https://evil.example" },
      payload: {},
    });
    expect(signInFromEvil.statusCode).toBe(403);
    expect((await logout({ ...headers, origin: t.config.webAppUrl })).statusCode).toBe(204);
    const second = await signIn(t.app);
    const ownOrigin = await logout({
      cookie: second.cookie,
      "x-csrf-token": second.csrfToken,
      origin: new URL(t.config.baseUrl).origin,
    });
    expect(ownOrigin.statusCode).toBe(204);
  });
});

describe("providers and production", () => {
  it("lists the providers, none configured here, and the development sign-in", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/auth/providers" });
    expect(response.json()).toEqual({
      providers: [
        { id: "github", name: "GitHub", configured: false },
        { id: "google", name: "Google", configured: false },
        { id: "microsoft", name: "Microsoft", configured: false },
      ],
      devSignIn: true,
    });
  });

  it("reports an unconfigured provider clearly and cannot start it", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/auth/oauth/github" });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("PROVIDER_NOT_CONFIGURED");
    expect(response.json().message).toContain("OAUTH_GITHUB_CLIENT_ID");
  });

  it("has no development sign-in in production even if the config says so", async () => {
    const logger = createLogger("silent");
    const prod = await buildApp(
      { ...t.config, nodeEnv: "production", devSignIn: true },
      { database: t.database, logger },
    );
    try {
      const response = await prod.inject({ method: "POST", url: "/api/auth/dev/sign-in", payload: {} });
      expect(response.statusCode).toBe(404);
      expect(response.cookies).toEqual([]);
    } finally {
      await prod.close();
    }
  });

  it("marks cookies Secure everywhere but plain-http localhost", () => {
    expect(cookiesAreSecure("http://localhost:4000")).toBe(false);
    expect(cookiesAreSecure("http://127.0.0.1:4000")).toBe(false);
    expect(cookiesAreSecure("https://api.parametric-portal.com")).toBe(true);
    expect(cookiesAreSecure("http://api.example.com")).toBe(true);
  });

  it("rate-limits the sign-in endpoints more strictly than the rest", async () => {
    // 30 a minute per address (earlier tests in this file used a few), far below the global 600.
    let limited: { statusCode: number; json: () => { code: string } } | undefined;
    for (let i = 0; i < 31 && limited === undefined; i++) {
      const response = await t.app.inject({ method: "GET", url: "/api/auth/oauth/google" });
      if (response.statusCode === 429) limited = response;
      else expect(response.statusCode).toBe(404);
    }
    expect(limited?.json().code).toBe("RATE_LIMITED");
    expect((await t.app.inject({ method: "GET", url: "/api/auth/providers" })).statusCode).toBe(200);
  });

  it("has no development sign-in when it is switched off", async () => {
    const off = await createTestApp({ DEV_SIGN_IN: "false" }, { database: t.database });
    try {
      const response = await off.app.inject({ method: "POST", url: "/api/auth/dev/sign-in", payload: {} });
      expect(response.statusCode).toBe(404);
      expect((await off.app.inject({ method: "GET", url: "/api/auth/providers" })).json().devSignIn).toBe(
        false,
      );
    } finally {
      await off.close();
    }
  });
});
