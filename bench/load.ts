import autocannon from "autocannon";

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly method?: "GET" | "POST";
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections?: number;
  readonly seconds?: number;
}

/** One autocannon run; a short warm-up first so JIT and pools are settled before measuring. */
export const load = async (opts: LoadOptions): Promise<LoadResult> => {
  const run = (duration: number) =>
    autocannon({
      url: opts.url,
      method: opts.method ?? "GET",
      headers: opts.headers ?? {},
      ...(opts.body !== undefined && { body: opts.body }),
      connections: opts.connections ?? 20,
      duration,
    });
  await run(1);
  const result = await run(opts.seconds ?? 5);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
};
