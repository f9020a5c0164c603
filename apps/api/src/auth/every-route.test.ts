import { signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES } from "../app";

/**
 * Guards that must hold for EVERY route, read from the OpenAPI document so a route added later
 * is covered without editing this file.
 */

let t: TestApp;
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly url: string;
}
let operations: Operation[] = [];

// Plausible values for every path parameter the API has; an unknown one fails the test loudly.
const PARAM_VALUES: Record<string, string> = {
  id: "00000000-0000-4000-8000-000000000000",
  n: "0",
  provider: "github",
};

beforeAll(async () => {
  t = await createTestApp();
  const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map((method) => ({
        method: method.toUpperCase(),
        path,
        url: path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const value = PARAM_VALUES[name];
          if (value === undefined) throw new Error(`No test value for path parameter {${name}} in ${path}`);
          return value;
        }),
      })),
  );
});
afterAll(async () => {
  await t?.close();
});

const unsafe = () => operations.filter((op) => op.method !== "GET");

describe("every state-changing route in the OpenAPI document", () => {
  it("is listed (the document is complete enough to test)", () => {
    const listed = unsafe().map((op) => `${op.method} ${op.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        "POST /api/auth/logout",
        "POST /api/auth/logout-all",
        "POST /api/auth/apikeys",
        "DELETE /api/auth/apikeys/{id}",
        "POST /api/icons",
        "DELETE /api/icons/{id}",
      ]),
    );
  });

  it("refuses a cookie-authenticated request without x-csrf-token, with a wrong one, or from a foreign Origin", async () => {
    const user = await signIn(t.app);
    for (const op of unsafe()) {
      const attempts: Record<string, string>[] = [
        { cookie: user.cookie },
        { cookie: user.cookie, "x-csrf-token": `${user.csrfToken.slice(1)}x` },
        { cookie: user.cookie, "x-csrf-token": user.csrfToken, origin: "https://evil.example" },
        { cookie: user.cookie, "x-csrf-token": user.csrfToken, origin: "null" },
      ];
      for (const headers of attempts) {
        const response = await t.app.inject({
          method: op.method as "POST",
          url: op.url,
          headers: { ...headers, "content-type": "application/json" },
          payload: "{}",
        });
        expect({ route: `${op.method} ${op.path}`, status: response.statusCode, headers }).toEqual({
          route: `${op.method} ${op.path}`,
          status: 403,
          headers,
        });
        expect(response.json().code).toBe("CSRF_FAILED");
      }
    }
    // None of the refused requests did anything: the session is still alive.
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: user.cookie } });
    expect(me.statusCode).toBe(200);
  });

  it("refuses a body over the size limit with 413 PAYLOAD_TOO_LARGE", async () => {
    const user = await signIn(t.app);
    const huge = JSON.stringify({ prompt: "x".repeat(BODY_LIMIT_BYTES) });
    for (const op of unsafe().filter((o) => o.method === "POST")) {
      const response = await t.app.inject({
        method: "POST",
        url: op.url,
        headers: { cookie: user.cookie, "x-csrf-token": user.csrfToken, "content-type": "application/json" },
        payload: huge,
      });
      expect({ route: op.path, status: response.statusCode }).toEqual({ route: op.path, status: 413 });
      expect(response.json().code).toBe("PAYLOAD_TOO_LARGE");
    }
  });
});

describe("every route in the OpenAPI document", () => {
  it("is rate-limited (except the health probes) and answers errors as { code, message }", async () => {
    // Kubelet and load balancer probes must never be refused: health routes opt out on purpose.
    const probes = operations.filter((op) => op.path.startsWith("/api/health/"));
    expect(probes.map((op) => op.path).sort()).toEqual(["/api/health/liveness", "/api/health/readiness"]);
    for (const op of operations.filter((o) => !probes.includes(o))) {
      const response = await t.app.inject({ method: op.method as "GET", url: op.url });
      const route = `${op.method} ${op.path}`;
      expect({ route, limited: response.headers["x-ratelimit-limit"] !== undefined }).toEqual({
        route,
        limited: true,
      });
      if (response.statusCode >= 400) {
        const body = response.json();
        expect({ route, code: typeof body.code, message: typeof body.message }).toEqual({
          route,
          code: "string",
          message: "string",
        });
      }
    }
  });
});
