import type { AddressInfo } from "node:net";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { signIn } from "@parametric-portal/test-support/session";
import { describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { loadConfig } from "../config";
import { createLogger } from "./logger";
import { createMetrics, startMetricsServer } from "./metrics";

describe("metrics", () => {
  it("counts requests by route template and status, and serves them only on the metrics listener", async () => {
    const database = (await openMigratedTestDatabase("pglite")).database;
    const metrics = createMetrics(database);
    const app = await buildApp(loadConfig({ NODE_ENV: "test" }), {
      database,
      logger: createLogger("silent"),
      metrics,
    });
    const server = await startMetricsServer(metrics, "127.0.0.1", 0);
    try {
      await app.inject({ method: "GET", url: "/api/health/liveness" });
      await app.inject({ method: "GET", url: "/api/health/liveness" });
      await app.inject({ method: "GET", url: "/api/does-not-exist/12345" });
      const user = await signIn(app);
      const headers = { cookie: user.cookie, "x-csrf-token": user.csrfToken };
      const generated = await app.inject({
        method: "POST",
        url: "/api/icons",
        headers,
        payload: { prompt: "offset curve", engine: "local" },
      });
      expect(generated.statusCode).toBe(201);
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/api\/health\/liveness",status_code="200"\} 2/,
      );
      // Unknown URLs collapse into one series instead of one per URL.
      expect(text).not.toContain("12345");
      expect(text).toMatch(/db_pool_connections\{state="total"\} 1/);
      expect(text).toMatch(/icon_generations_total\{engine="local",outcome="success"\} 1/);
      // The local engine uses no model tokens; the counter exists for the Anthropic engine.
      expect(text).toContain("# TYPE icon_generation_tokens_total counter");
      expect(text).not.toMatch(/icon_generation_tokens_total\{engine="local"/);
      expect(text).toContain("process_resident_memory_bytes");
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      // The public API does not serve them.
      expect((await app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(404);
    } finally {
      server.close();
      await app.close();
      await database.close();
    }
  });
});
