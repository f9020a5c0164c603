import { useTestApp } from "@parametric-portal/test-support/hooks";
import { describe, expect, it } from "vitest";

const t = useTestApp({ LOG_LEVEL: "info" });

interface LogLine {
  readonly msg?: string;
  readonly reqId?: string;
  readonly req?: { method?: string; path?: string; userAgent?: string };
  readonly res?: { statusCode?: number };
  readonly responseTime?: number;
}

const linesOf = (requestId: string): LogLine[] =>
  t
    .logs()
    .split("\n")
    .filter((line) => line.includes(requestId))
    .map((line) => JSON.parse(line) as LogLine);

describe("the access log", () => {
  it("writes one line per request, when it ends, with the request and its outcome", async () => {
    const requestId = `access-log-${Date.now()}`;
    const response = await t.app.inject({
      method: "GET",
      url: "/api/auth/providers?code=secret-code",
      headers: { "x-request-id": requestId, "user-agent": "access-log-test" },
    });
    expect(response.statusCode).toBe(200);
    const lines = linesOf(requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: "request completed",
      reqId: requestId,
      req: { method: "GET", path: "/api/auth/providers", userAgent: "access-log-test" },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    // The query string (OAuth codes travel there) is never logged.
    expect(JSON.stringify(lines)).not.toContain("secret-code");
  });

  it("logs a refused request as one completed line too, and no line for a health probe", async () => {
    const refused = `access-log-refused-${Date.now()}`;
    expect(
      (await t.app.inject({ method: "GET", url: "/api/icons", headers: { "x-request-id": refused } }))
        .statusCode,
    ).toBe(401);
    expect(linesOf(refused).filter((line) => line.msg === "request completed")).toEqual([
      expect.objectContaining({
        res: { statusCode: 401 },
        req: expect.objectContaining({ path: "/api/icons" }),
      }),
    ]);
    const probe = `access-log-probe-${Date.now()}`;
    expect(
      (await t.app.inject({ method: "GET", url: "/api/health/liveness", headers: { "x-request-id": probe } }))
        .statusCode,
    ).toBe(200);
    expect(linesOf(probe)).toEqual([]);
  });
});
