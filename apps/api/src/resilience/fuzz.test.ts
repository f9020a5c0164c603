import { signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Property-based fuzzing of every operation in the API's own OpenAPI document: random and
 * malformed path parameters, query strings, bodies, content types and headers. Whatever
 * comes in, the API never answers 5xx and every error has the `{ code, message }` shape.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Operation {
  readonly method: Method;
  readonly path: string;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "",
    "..",
    "../../etc/passwd",
    "%00",
    "%ff%fe",
    "null",
    "-1",
    "1e309",
    "<script>",
    "' or 1=1 --",
  ),
  fc.uuid(),
  fc.nat().map(String),
  fc.string({ minLength: 2000, maxLength: 4000 }),
);

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      prompt: hostileString,
      intent: fc.oneof(fc.constantFrom("create", "refine"), hostileString),
      variantCount: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double(), hostileString),
      colorMode: fc.oneof(fc.constantFrom("dark", "light"), hostileString),
      engine: fc.oneof(fc.constantFrom("local", "auto"), hostileString),
      referenceSvg: fc.oneof(
        hostileString,
        fc.constant("<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>"),
      ),
      attachments: fc.array(fc.record({ name: hostileString, svg: hostileString }), { maxLength: 6 }),
      parentId: fc.oneof(fc.uuid(), hostileString),
      provider: fc.oneof(fc.constant("anthropic"), hostileString),
      name: hostileString,
      key: hostileString,
      email: hostileString,
    },
    { requiredKeys: [] },
  ),
);

const rawBody = fc.oneof(
  jsonBody.map((value) => ({ contentType: "application/json", payload: JSON.stringify(value) })),
  hostileString.map((text) => ({ contentType: "application/json", payload: text })),
  fc
    .uint8Array({ maxLength: 300 })
    .map((bytes) => ({ contentType: "application/json", payload: Buffer.from(bytes) })),
  fc
    .tuple(
      fc.constantFrom(
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "nonsense",
      ),
      hostileString,
    )
    .map(([contentType, payload]) => ({ contentType, payload })),
  fc.constant({ contentType: undefined, payload: undefined }),
);

const fillPath = (template: string, values: readonly string[]): string => {
  let i = 0;
  return template.replace(/\{[^}]+\}|:[A-Za-z]+/g, () => encodeURIComponent(values[i++] ?? "x"));
};

describe("fuzzing every OpenAPI operation", () => {
  let t: TestApp;
  let operations: Operation[] = [];

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_SCALE: "100000", LOG_LEVEL: "warn" });
    const spec = (await t.app.inject({ method: "GET", url: "/api/docs/json" })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => METHODS.has(method))
        .map((method) => ({ method: method.toUpperCase() as Method, path })),
    );
  });
  afterAll(async () => t.close());

  it("the document lists the API's operations", () => {
    const listed = operations.map((o) => `${o.method} ${o.path}`);
    for (const expected of [
      "GET /api/health/readiness",
      "POST /api/icons",
      "GET /api/icons",
      "GET /api/auth/me",
      "POST /api/auth/apikeys",
    ]) {
      expect(listed).toContain(expected);
    }
  });

  it("never answers 5xx and always uses the JSON error shape", async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      await fc
        .assert(
          fc.asyncProperty(
            fc.array(hostileString, { minLength: 3, maxLength: 3 }),
            fc.dictionary(fc.string({ maxLength: 10 }), hostileString, { maxKeys: 4 }),
            rawBody,
            fc.boolean(),
            fc.constantFrom("application/json", "text/event-stream", "*/*", "garbage/;;", undefined),
            async (params, query, body, signedIn, accept) => {
              const session = signedIn ? await signIn(t.app) : undefined;
              const headers: Record<string, string> = {};
              if (body.contentType) headers["content-type"] = body.contentType;
              if (accept) headers.accept = accept;
              if (session) {
                headers.cookie = session.cookie;
                headers["x-csrf-token"] = session.csrfToken;
              }
              const search = new URLSearchParams(query).toString();
              const url = fillPath(operation.path, params) + (search ? `?${search}` : "");
              const response = await t.app.inject({
                method: operation.method,
                url,
                headers,
                ...(body.payload !== undefined && operation.method !== "GET" && { payload: body.payload }),
              });
              const where = `${operation.method} ${url.slice(0, 120)} -> ${response.statusCode}`;
              if (response.statusCode >= 500) {
                failures.push(`${where}: ${response.body.slice(0, 200)}`);
                return false;
              }
              if (response.statusCode >= 400) {
                const parsed = JSON.parse(response.body) as { code?: unknown; message?: unknown };
                if (typeof parsed.code !== "string" || typeof parsed.message !== "string") {
                  failures.push(`${where}: not the error shape: ${response.body.slice(0, 200)}`);
                  return false;
                }
              }
              return true;
            },
          ),
          { numRuns: Number(process.env.FUZZ_RUNS ?? 60), seed: Number(process.env.FUZZ_SEED ?? 20261126) },
        )
        .catch((error: Error) => failures.push(error.message.split("\n").slice(0, 6).join("\n")));
    }
    expect(failures).toEqual([]);
    // The process is still healthy afterwards.
    expect((await t.app.inject({ method: "GET", url: "/api/health/readiness" })).statusCode).toBe(200);
  }, 240_000);
});
