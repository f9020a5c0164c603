import { ERROR_CODES } from "@parametric-portal/contracts/errors";
import { useTestApp } from "@parametric-portal/test-support/hooks";
import { describe, expect, it } from "vitest";

/**
 * Every route of the OpenAPI document (auth, icons, health) declares the one error body on its
 * 4XX and 5XX responses; read from the document so a route added later is covered too.
 */

const t = useTestApp();

interface ResponseObject {
  readonly content?: Record<string, { readonly schema?: Record<string, unknown> }>;
}

describe("the OpenAPI document", () => {
  it("declares { code, message, details? } with code from the code union on every route's errors", () => {
    const document = t.app.swagger() as {
      paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
        .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    const routes = operations.map((op) => op.route);
    expect(routes).toEqual(
      expect.arrayContaining(["POST /api/icons", "GET /api/auth/me", "GET /api/health/readiness"]),
    );
    for (const { route, operation } of operations) {
      for (const status of ["4XX", "5XX"]) {
        const schema = operation.responses?.[status]?.content?.["application/json"]?.schema;
        expect({ route, status, schema }).toEqual({
          route,
          status,
          schema: expect.objectContaining({
            type: "object",
            required: ["code", "message"],
            properties: expect.objectContaining({
              code: expect.objectContaining({ type: "string", enum: [...ERROR_CODES] }),
              message: expect.objectContaining({ type: "string" }),
              details: expect.anything(),
            }),
          }),
        });
      }
    }
  });
});
