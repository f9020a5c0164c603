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
  /** Load before measuring, default 1 s: JIT and pools settled first. */
  readonly warmupSeconds?: number;
}

const run = async (opts: LoadOptions, duration: number): Promise<LoadResult> => {
  const result = await autocannon({
    url: opts.url,
    method: opts.method ?? "GET",
    headers: opts.headers ?? {},
    ...(opts.body !== undefined && { body: opts.body }),
    connections: opts.connections ?? 20,
    duration,
  });
  return {
    requestsPerSecond: result.requests.total / duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
};

/** One autocannon run; a warm-up first so JIT and pools are settled before measuring. */
export const load = async (opts: LoadOptions): Promise<LoadResult> => {
  await run(opts, opts.warmupSeconds ?? 1);
  return run(opts, opts.seconds ?? 5);
};

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const combine = (slices: readonly LoadResult[], seconds: number): LoadResult => {
  const requests = slices.reduce((n, r) => n + r.requests, 0);
  return {
    requestsPerSecond: requests / seconds,
    // Percentiles cannot be merged exactly: the median slice's p50 and the worst slice's p99.
    p50Ms: median(slices.map((r) => r.p50Ms)),
    p99Ms: Math.max(...slices.map((r) => r.p99Ms)),
    requests,
    errors: slices.reduce((n, r) => n + r.errors, 0),
    non2xx: slices.reduce((n, r) => n + r.non2xx, 0),
  };
};

/**
 * A figure and its baseline, measured in alternating one-second slices: on a machine shared with
 * other work, the load drifts within seconds, and back-to-back runs would put the drift into the
 * ratio. Both get the same total time (`seconds` each).
 */
export const loadPair = async (
  subject: LoadOptions,
  baseline: LoadOptions,
  seconds = 5,
): Promise<{ subject: LoadResult; baseline: LoadResult; ratio: number }> => {
  await run(subject, 1);
  await run(baseline, 1);
  const slices = Math.max(1, Math.round(seconds));
  const a: LoadResult[] = [];
  const b: LoadResult[] = [];
  for (let i = 0; i < slices; i += 1) {
    // Alternate which goes first, so neither always follows the other's wake.
    if (i % 2 === 0) {
      a.push(await run(subject, seconds / slices));
      b.push(await run(baseline, seconds / slices));
    } else {
      b.push(await run(baseline, seconds / slices));
      a.push(await run(subject, seconds / slices));
    }
  }
  const s = combine(a, seconds);
  const base = combine(b, seconds);
  return { subject: s, baseline: base, ratio: s.requestsPerSecond / base.requestsPerSecond };
};
