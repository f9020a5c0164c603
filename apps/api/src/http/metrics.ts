import http from "node:http";
import type { Database } from "@parametric-portal/database/client";
import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, type Metric, Registry } from "prom-client";

/**
 * Prometheus metrics. They are served by their own listener on METRICS_PORT (9464), never by
 * the public API port, so the ingress cannot expose them.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: RequestHistogram;
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

type RequestLabels = Readonly<Record<"method" | "route" | "status_code", string>>;

/** One series of the request histogram: counts per bucket (not cumulative; the last is +Inf). */
export interface RequestSeries {
  readonly labels: RequestLabels;
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/** A value as prom-client's registry reads it from a metric's `get()`. */
interface ExportedValue {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
}

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

/**
 * `http_request_duration_seconds`, a Prometheus histogram by method, route template and status,
 * written in the exposition format prom-client's own Histogram writes. Its own class because the
 * hot path is every response: prom-client's `observe` converts, validates and hashes its labels
 * each time (and its `labels(...)` child does the same), ~1 µs per response; here a series is
 * looked up once per method, status and route, and observing one is a bucket search and three
 * additions. The cumulative bucket counts are computed when Prometheus scrapes.
 */
export class RequestHistogram {
  readonly name = "http_request_duration_seconds";
  readonly help = "HTTP request latency by route template and status";
  readonly type = "histogram";
  readonly aggregator = "sum";
  readonly buckets: readonly number[] = REQUEST_BUCKETS;
  // Route → status → method. Nested maps rather than one key string: the route and method
  // strings are the same objects on every request (route templates, the parser's method names),
  // so their hashes are cached, where a key built per request is hashed anew each time.
  private readonly byRoute = new Map<string, Map<number, Map<string, RequestSeries>>>();

  /** The series of one method, status and route; made on first use, the same object after. */
  seriesFor(method: string, statusCode: number, route: string): RequestSeries {
    let byStatus = this.byRoute.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      this.byRoute.set(route, byStatus);
    }
    let byMethod = byStatus.get(statusCode);
    if (byMethod === undefined) {
      byMethod = new Map();
      byStatus.set(statusCode, byMethod);
    }
    let series = byMethod.get(method);
    if (series === undefined) {
      series = {
        labels: { method, route, status_code: String(statusCode) },
        counts: new Float64Array(this.buckets.length + 1),
        sum: 0,
        count: 0,
      };
      byMethod.set(method, series);
    }
    return series;
  }

  observe(series: RequestSeries, seconds: number): void {
    // The first bucket whose upper bound holds the value (`le`), as prom-client counts it.
    let i = 0;
    while (i < this.buckets.length && seconds > (this.buckets[i] as number)) i += 1;
    series.counts[i] = (series.counts[i] as number) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  /** Called by the registry on every scrape. */
  get(): Promise<{
    name: string;
    help: string;
    type: "histogram";
    aggregator: "sum";
    values: ExportedValue[];
  }> {
    const values: ExportedValue[] = [];
    const all = [...this.byRoute.values()].flatMap((byStatus) =>
      [...byStatus.values()].flatMap((byMethod) => [...byMethod.values()]),
    );
    for (const { labels, counts, sum, count } of all) {
      let cumulative = 0;
      this.buckets.forEach((le, i) => {
        cumulative += counts[i] as number;
        values.push({ metricName: `${this.name}_bucket`, labels: { le, ...labels }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { le: "+Inf", ...labels }, value: count });
      values.push({ metricName: `${this.name}_sum`, labels, value: sum });
      values.push({ metricName: `${this.name}_count`, labels, value: count });
    }
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    });
  }

  reset(): void {
    this.byRoute.clear();
  }
}

export const createMetrics = (database: Database): Metrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new RequestHistogram();
  // The registry only calls `name`, `get()` and `reset()`; its type lists prom-client's own classes.
  registry.registerMetric(httpRequests as unknown as Metric);
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

/**
 * Records every response under its route template (never the raw URL: ids would explode
 * cardinality). The hook is synchronous (an async one costs a promise and a microtask turn per
 * request) and observes a series bound once per method, status and route (see RequestHistogram).
 * The series are bounded by routes × methods × statuses sent.
 */
export const instrument = (app: FastifyInstance, metrics: Metrics): void => {
  const histogram = metrics.httpRequests;
  app.addHook("onResponse", (request, reply, done) => {
    const series = histogram.seriesFor(
      request.method,
      reply.statusCode,
      request.routeOptions.url ?? "unmatched",
    );
    // Fastify stamps the start before onRequest; elapsedTime reads it without a hook of ours.
    histogram.observe(series, reply.elapsedTime / 1000);
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
