import http from "node:http";
import type { Database } from "@parametric-portal/database/client";
import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics. They are served by their own listener on METRICS_PORT (9464), never by
 * the public API port, so the ingress cannot expose them.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Histogram<"method" | "route" | "status_code">;
  readonly generations: Counter<"engine" | "outcome">;
  readonly generationTokens: Counter<"engine" | "kind">;
}

/** Token counts of one generation, as the engine reports them. */
export interface GenerationTokens {
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheCreation: number;
  readonly output: number;
}

const TOKEN_KINDS = {
  input: "input",
  cacheRead: "cache_read",
  cacheCreation: "cache_creation",
  output: "output",
} as const;

export const recordGenerationTokens = (metrics: Metrics, engine: string, tokens: GenerationTokens): void => {
  for (const [field, kind] of Object.entries(TOKEN_KINDS) as [keyof GenerationTokens, string][]) {
    metrics.generationTokens.inc({ engine, kind }, tokens[field]);
  }
};

export const createMetrics = (database: Database): Metrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency by route template and status",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const generations = new Counter({
    name: "icon_generations_total",
    help: "Icon generations by engine (local, anthropic) and outcome (success, or the failure kind)",
    labelNames: ["engine", "outcome"] as const,
    registers: [registry],
  });
  const generationTokens = new Counter({
    name: "icon_generation_tokens_total",
    help: "Model tokens billed for icon generations by engine and kind (input, cache_read, cache_creation, output)",
    labelNames: ["engine", "kind"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "db_pool_connections",
    help: "Database pool connections by state",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: "total" }, stats.total);
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "waiting" }, stats.waiting);
    },
  });
  return { registry, httpRequests, generations, generationTokens };
};

type RequestLabels = Readonly<Record<"method" | "route" | "status_code", string>>;

/**
 * Records every response under its route template (never the raw URL: ids would explode
 * cardinality). The hook is synchronous (an async one costs a promise and a microtask turn per
 * request) and reuses one label object per method, status and route instead of building one and
 * stringifying the status every time. prom-client's `labels(...)` child is no shortcut: it copies
 * and validates the labels on every `observe` (measured 1.3 µs against 0.7 µs for this). The map
 * is bounded by routes × methods × statuses sent.
 */
export const instrument = (app: FastifyInstance, metrics: Metrics): void => {
  const labelSets = new Map<string, RequestLabels>();
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let labels = labelSets.get(key);
    if (labels === undefined) {
      labels = { method: request.method, route, status_code: String(reply.statusCode) };
      labelSets.set(key, labels);
    }
    // Fastify stamps the start before onRequest; elapsedTime reads it without a hook of ours.
    metrics.httpRequests.observe(labels, reply.elapsedTime / 1000);
    done();
  });
};

export const startMetricsServer = async (
  metrics: Metrics,
  host: string,
  port: number,
): Promise<http.Server> => {
  const server = http.createServer(async (request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Only GET /metrics is served here.\n");
      return;
    }
    try {
      const body = await metrics.registry.metrics();
      response.writeHead(200, { "content-type": metrics.registry.contentType }).end(body);
    } catch {
      response.writeHead(500, { "content-type": "text/plain" }).end("metrics collection failed\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
};
