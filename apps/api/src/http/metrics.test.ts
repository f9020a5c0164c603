import type { AddressInfo } from "node:net";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { signIn } from "@parametric-portal/test-support/session";
import { Histogram, type Metric, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { loadConfig } from "../config";
import { createLogger } from "./logger";
import { createMetrics, RequestHistogram, startMetricsServer } from "./metrics";

describe("metrics", () => {
  it("counts requests by route template and status (probes aside), and serves them only on the metrics listener", async () => {
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
      await app.inject({ method: "GET", url: "/api/auth/providers" });
      await app.inject({ method: "GET", url: "/api/auth/providers" });
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
        /http_request_duration_seconds_count\{method="GET",route="\/api\/auth\/providers",status_code="200"\} 2/,
      );
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="POST",route="\/api\/icons",status_code="201"\} 1/,
      );
      // Unknown URLs collapse into one series instead of one per URL.
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1/,
      );
      expect(text).not.toContain("12345");
      // Health probes (kubelet's, every few seconds) are not in the request histogram.
      expect(text).not.toContain("/api/health/");
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

describe("RequestHistogram", () => {
  it("writes exactly what prom-client's own Histogram writes for the same observations", async () => {
    const ours = new RequestHistogram();
    const theirs = new Histogram({
      name: ours.name,
      help: ours.help,
      labelNames: ["method", "route", "status_code"] as const,
      buckets: [...ours.buckets],
      registers: [],
    });
    const oursRegistry = new Registry();
    oursRegistry.registerMetric(ours as unknown as Metric);
    const theirsRegistry = new Registry();
    theirsRegistry.registerMetric(theirs);
    // Values on, between and past the bucket bounds, in three series.
    const seen: [string, number, string, number][] = [
      ["GET", 200, "/api/health/liveness", 0.0001],
      ["GET", 200, "/api/health/liveness", 0.005],
      ["GET", 200, "/api/health/liveness", 0.0051],
      ["POST", 201, "/api/icons", 0.3],
      ["POST", 201, "/api/icons", 31],
      ["GET", 404, "unmatched", 2.5],
    ];
    for (const [method, status, route, seconds] of seen) {
      ours.observe(ours.seriesFor(method, status, route), seconds);
      theirs.observe({ method, route, status_code: String(status) }, seconds);
    }
    const text = await oursRegistry.metrics();
    expect(text).toBe(await theirsRegistry.metrics());
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/health/liveness",status_code="200"} 2',
    );
    ours.reset();
    expect(await oursRegistry.metrics()).not.toContain("liveness");
  });

  it("binds one series per method, status and route", () => {
    const histogram = new RequestHistogram();
    const a = histogram.seriesFor("GET", 200, "/api/icons");
    expect(histogram.seriesFor("GET", 200, "/api/icons")).toBe(a);
    expect(histogram.seriesFor("GET", 304, "/api/icons")).not.toBe(a);
  });
});
