import { randomBytes } from "node:crypto";
import {
  apiKeyOf,
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let fake: FakeAnthropic;
let t: TestApp;
const SERVER_KEY = `sk-ant-server-${randomBytes(12).toString("hex")}`;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  t = await createTestApp({
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_KEY_CHECK_TIMEOUT_MS: "300",
  });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const newSecret = () => `sk-ant-api03-${randomBytes(30).toString("base64url")}`;
const as = (user: SignedIn) => ({ cookie: user.cookie, "x-csrf-token": user.csrfToken });
const save = (user: SignedIn, key: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/apikeys",
    headers: as(user),
    payload: { provider: "anthropic", name: `k-${randomBytes(4).toString("hex")}`, key },
  });
const listed = async (user: SignedIn) =>
  (await t.app.inject({ method: "GET", url: "/api/auth/apikeys", headers: as(user) })).json().keys;

describe("checking a saved Anthropic key", () => {
  it("says valid when Anthropic lists models for it, asking with the key itself and limit=1", async () => {
    fake.models({ kind: "ok" });
    const user = await signIn(t.app);
    const secret = newSecret();
    const before = Date.now();
    const response = await save(user, secret);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.check).toBe("valid");
    expect(Date.parse(body.checkedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(body.checkReason).toMatch(/accepted/);
    const asked = fake.modelsRequests.at(-1)!;
    expect(apiKeyOf(asked)).toBe(secret);
    expect(fake.requests).toHaveLength(0);
    expect(response.body).not.toContain(secret);
  });

  it("says refused on a 401 and still saves the key so it can be deleted or replaced", async () => {
    fake.models({ kind: "error", status: 401, type: "authentication_error" });
    const user = await signIn(t.app);
    const secret = newSecret();
    const response = await save(user, secret);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ check: "refused" });
    expect(response.json().checkReason).toMatch(/refused the key/);
    expect((await listed(user)).map((k: { id: string }) => k.id)).toEqual([response.json().key.id]);
    expect(response.body).not.toContain(secret);
    expect(t.logs()).not.toContain(secret);
  });

  it("says could_not_check within the deadline when Anthropic never answers, and saves", async () => {
    fake.models({ kind: "hang" });
    const user = await signIn(t.app);
    const secret = newSecret();
    const response = await save(user, secret);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ check: "could_not_check" });
    expect(response.json().checkReason).toMatch(/did not answer within 0.3 s/);
    expect(await listed(user)).toHaveLength(1);
    expect(t.logs()).not.toContain(secret);
  });

  it("says could_not_check when Anthropic fails (5xx), not refused", async () => {
    fake.models({ kind: "error", status: 529, type: "overloaded_error" });
    const response = await save(await signIn(t.app), newSecret());
    expect(response.json()).toMatchObject({ check: "could_not_check" });
    expect(response.json().checkReason).toMatch(/529/);
  });

  it("does not call Anthropic for a duplicate name", async () => {
    fake.models({ kind: "ok" });
    const user = await signIn(t.app);
    const payload = { provider: "anthropic", name: "Twice", key: newSecret() };
    const first = await t.app.inject({
      method: "POST",
      url: "/api/auth/apikeys",
      headers: as(user),
      payload,
    });
    expect(first.statusCode).toBe(201);
    const calls = fake.modelsRequests.length;
    const second = await t.app.inject({
      method: "POST",
      url: "/api/auth/apikeys",
      headers: as(user),
      payload,
    });
    expect(second.statusCode).toBe(409);
    expect(fake.modelsRequests).toHaveLength(calls);
  });
});

describe("GET /api/auth/me engines", () => {
  const me = async (app: TestApp, user: SignedIn) =>
    (await app.app.inject({ method: "GET", url: "/api/auth/me", headers: as(user) })).json();

  it("is null without any key and user once the user saved one", async () => {
    fake.models({ kind: "ok" });
    const user = await signIn(t.app);
    expect((await me(t, user)).engines).toEqual({ anthropic: null });
    await save(user, newSecret());
    expect((await me(t, user)).engines).toEqual({ anthropic: "user" });
  });

  it("is server when only the server has ANTHROPIC_API_KEY, never revealing it", async () => {
    const withServerKey = await createTestApp({
      ANTHROPIC_API_KEY: SERVER_KEY,
      ANTHROPIC_BASE_URL: fake.url,
    });
    try {
      const user = await signIn(withServerKey.app);
      const response = await withServerKey.app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: as(user),
      });
      expect(response.json().engines).toEqual({ anthropic: "server" });
      expect(response.body).not.toContain(SERVER_KEY);
    } finally {
      await withServerKey.close();
    }
  });
});
