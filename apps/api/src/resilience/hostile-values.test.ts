import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Values that pass a loose schema but that PostgreSQL or JavaScript refuse: each must be a
 * 4xx that names the problem, never a 500 (found by review; the fuzzer's random strings
 * rarely hit them).
 */
let t: TestApp;
let user: SignedIn;
const URN = "urn:uuid:00000000-0000-0000-0000-000000000000";
const cursorOf = (createdAt: string) =>
  Buffer.from(JSON.stringify([createdAt, "00000000-0000-4000-8000-000000000000"])).toString("base64url");

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_SCALE: "100" });
  user = await signIn(t.app);
});
afterAll(async () => t?.close());

const call = (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: user.cookie, "x-csrf-token": user.csrfToken },
    ...(payload !== undefined && { payload }),
  });

describe("hostile values", () => {
  it("reads prompts whose words name Object.prototype members", async () => {
    // Words that name no tool are an answer (422 not understood), never a crash.
    const cases = [
      ["constructor line", 201],
      ["Constructors", 422],
      ["toString __proto__", 422],
    ] as const;
    for (const [prompt, status] of cases) {
      const response = await call("POST", "/api/icons", { prompt, engine: "local" });
      expect(response.statusCode, prompt).toBe(status);
    }
  });

  it.each([
    ["GET", `/api/icons/${URN}`],
    ["DELETE", `/api/icons/${URN}`],
    ["GET", `/api/icons/${URN}/variants/0.svg`],
    ["DELETE", `/api/auth/apikeys/${URN}`],
  ] as const)("refuses a urn:uuid id: %s %s", async (method, url) => {
    const response = await call(method, url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(response.json().message).toMatch(/must be a UUID/);
  });

  it("refuses a urn:uuid parentId", async () => {
    const response = await call("POST", "/api/icons", { prompt: "line", intent: "refine", parentId: URN });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/body.parentId must be a UUID/);
  });

  it.each([
    [
      "POST",
      "/api/icons",
      { prompt: "a\u0000b", engine: "local" },
      /body.prompt must not contain control characters/,
    ],
    ["GET", "/api/icons?q=%00abc", undefined, /querystring.q must not contain control characters/],
    ["POST", "/api/auth/dev/sign-in", { name: "a\u0000" }, /body.name must not contain control characters/],
  ] as const)("refuses NUL in text: %s %s", async (method, url, payload, message) => {
    const response = await call(method, url, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(message);
  });

  it.each([
    "0000-01-01 00:00:00+00",
    "2026-13-45 99:99:99+00",
    "2026-01-01 00:00:00+99",
    "2026-02-30 10:00:00+00",
  ])("refuses a forged cursor (%s) as INVALID_CURSOR", async (createdAt) => {
    const response = await call("GET", `/api/icons?cursor=${cursorOf(createdAt)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "INVALID_CURSOR" });
  });

  it("still accepts a real cursor", async () => {
    const response = await call("GET", `/api/icons?cursor=${cursorOf("2026-01-01 00:00:00.123456+00")}`);
    expect(response.statusCode).toBe(200);
  });
});
