import { useTestApp } from "@parametric-portal/test-support/hooks";
import { signIn } from "@parametric-portal/test-support/session";
import { describe, expect, it } from "vitest";

const t = useTestApp();

const me = (cookie: string) => t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });
const logoutAll = (headers: Record<string, string>) =>
  t.app.inject({ method: "POST", url: "/api/auth/logout-all", headers });

describe("POST /api/auth/logout-all (sign out everywhere)", () => {
  it("revokes every session of the caller, from either device, and leaves other users signed in", async () => {
    const laptop = await signIn(t.app);
    const email = (await me(laptop.cookie)).json().user.email as string;
    const phone = await signIn(t.app, { email });
    expect(phone.userId).toBe(laptop.userId);
    expect(phone.cookie).not.toBe(laptop.cookie);
    const stranger = await signIn(t.app);

    const out = await logoutAll({ cookie: phone.cookie, "x-csrf-token": phone.csrfToken });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/^pp_session=;/);

    expect((await me(laptop.cookie)).statusCode).toBe(401);
    expect((await me(phone.cookie)).statusCode).toBe(401);
    // Both tokens stay refused for writes too, not only for /me.
    expect((await logoutAll({ cookie: laptop.cookie, "x-csrf-token": laptop.csrfToken })).statusCode).toBe(
      401,
    );
    const other = await me(stranger.cookie);
    expect(other.statusCode).toBe(200);
    expect(other.json().user.id).toBe(stranger.userId);
  });

  it("is CSRF-protected and changes nothing when refused", async () => {
    const user = await signIn(t.app);
    const attempts: Record<string, string>[] = [
      { cookie: user.cookie },
      { cookie: user.cookie, "x-csrf-token": `${user.csrfToken.slice(1)}x` },
      { cookie: user.cookie, "x-csrf-token": user.csrfToken, origin: "https://evil.example" },
    ];
    for (const headers of attempts) {
      const response = await logoutAll(headers);
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("CSRF_FAILED");
    }
    expect((await me(user.cookie)).statusCode).toBe(200);
  });

  it("answers 401 UNAUTHENTICATED without a session", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/auth/logout-all" });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("UNAUTHENTICATED");
  });
});
