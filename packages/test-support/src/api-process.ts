import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { PostgresConfig } from "./database";
import { CLOSED_LOCAL_URL, freePort, stopProcess } from "./processes";

export interface ApiProcessOptions {
  /** A production bundle's main.mjs to run; without it the sources run through tsx. */
  readonly bundle?: string;
  /** Defaults to a free port. */
  readonly port?: number;
  /** The route that must answer 2xx before the process counts as started. */
  readonly readyPath?: string;
  /** Keep stdout in `output()`; off where a benchmark must not pay for reading logs. */
  readonly keepStdout?: boolean;
  readonly startTimeoutMs?: number;
}

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** The origin, e.g. http://127.0.0.1:4123 (routes live under /api). */
  readonly url: string;
  /** Milliseconds from spawn until the ready route first answered. */
  readonly startMs: number;
  readonly exited: Promise<number | null>;
  /** The last 20,000 characters the process wrote. */
  output(): string;
  /** Resident memory now, from /proc. */
  rssBytes(): Promise<number>;
  /** SIGTERM, SIGKILL after a grace period; resolves once the process exited. */
  stop(): Promise<void>;
}

// The API package exports its sources, so this is apps/api/src/main.ts wherever the workspace is.
const apiMain = createRequire(import.meta.url).resolve("@parametric-portal/api/main");
const apiRoot = path.dirname(path.dirname(apiMain));

/**
 * The real API process on 127.0.0.1, talking to `database`, in test mode with metrics off.
 * `env` adds or overrides variables; secrets go through the environment, never argv.
 */
export const startApiProcess = async (
  database: PostgresConfig,
  env: Record<string, string | undefined> = {},
  options: ApiProcessOptions = {},
): Promise<ApiProcess> => {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = options.bundle ? [options.bundle] : ["--import", "tsx", apiMain];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: options.bundle ? path.dirname(path.dirname(options.bundle)) : apiRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "test",
      API_HOST: "127.0.0.1",
      API_PORT: String(port),
      API_BASE_URL: url,
      POSTGRES_HOST: database.host,
      POSTGRES_PORT: String(database.port),
      POSTGRES_DB: database.database,
      POSTGRES_USER: database.user,
      ...(database.password !== undefined && { POSTGRES_PASSWORD: database.password }),
      POSTGRES_SSL: "false",
      METRICS_PORT: "off",
      LOG_LEVEL: "info",
      // No test reaches a real provider: without the test's own fake, Anthropic is a closed port.
      ANTHROPIC_BASE_URL: CLOSED_LOCAL_URL,
      ...env,
    },
    stdio: ["ignore", options.keepStdout === false ? "ignore" : "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const readyPath = options.readyPath ?? "/api/health/liveness";
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const fail = async (why: string): Promise<never> => {
    await stopProcess(child);
    throw new Error(`${why}:\n${output}`);
  };
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      await fail(`the API exited (${child.exitCode ?? child.signalCode}) before ${readyPath} answered`);
    const ready = await fetch(url + readyPath).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) await fail(`the API did not answer ${readyPath} within ${timeoutMs} ms`);
    // A short poll: benchmarks report the start time this loop measures.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startMs = performance.now() - started;
  return {
    child,
    port,
    url,
    startMs,
    exited,
    output: () => output,
    rssBytes: async () => {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) * 1024;
    },
    stop: () => stopProcess(child),
  };
};
