import { startApiProcess } from "@parametric-portal/test-support/api-process";
import { openMigratedTestDatabase, testServer } from "@parametric-portal/test-support/database";
import { within } from "@parametric-portal/test-support/deadline";
import { waitFor } from "@parametric-portal/test-support/processes";
import { TcpProxy } from "@parametric-portal/test-support/tcp-proxy";
import { afterEach, describe, expect, it } from "vitest";

/** No load loop outlives this, even when a test fails before stopping it. */
const LOAD_DEADLINE_MS = 30_000;

/**
 * Steady load from a client that behaves like a load balancer: it polls readiness and stops
 * sending new requests once the instance reports 503. Bounded in time, loopback only.
 */
const runLoad = (url: string, opts: { workers: number; path: string; headers?: Record<string, string> }) => {
  let routing = true;
  let stopped = false;
  const deadline = Date.now() + LOAD_DEADLINE_MS;
  const running = () => !stopped && Date.now() < deadline;
  const statuses: number[] = [];
  const failures: string[] = [];
  const readinessSeen: number[] = [];
  const poller = (async () => {
    // The 50 ms between probes is the balancer's probe period, not a wait for an event.
    while (running()) {
      const status = await fetch(`${url}/api/health/readiness`).then(
        (r) => r.status,
        () => 0,
      );
      readinessSeen.push(status);
      routing = status === 200;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const workers = Array.from({ length: opts.workers }, async () => {
    while (running()) {
      if (!routing) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      try {
        const response = await fetch(url + opts.path, { headers: opts.headers ?? {} });
        await response.arrayBuffer();
        statuses.push(response.status);
      } catch (error) {
        failures.push(String((error as Error).cause ?? error));
      }
    }
  });
  return {
    readinessSeen,
    statuses,
    failures,
    stop: async () => {
      stopped = true;
      await within(Promise.all([poller, ...workers]), 10_000, "the load loops to stop");
    },
  };
};

describe("under load", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("SIGTERM during steady load: zero failed requests, exit 0 within the shutdown timeout", async () => {
    const { config, close } = await openMigratedTestDatabase("postgres", "sigterm");
    cleanups.push(close);
    const api = await startApiProcess(config, {
      SHUTDOWN_DRAIN_MS: "1000",
      SHUTDOWN_TIMEOUT_MS: "10000",
      RATE_LIMIT_SCALE: "1000",
    });
    cleanups.push(async () => void api.child.kill("SIGKILL"));
    const traffic = runLoad(api.url, { workers: 6, path: "/api/auth/providers" });
    cleanups.push(() => traffic.stop());
    // Signal once the load is steady: a good number of requests answered, none refused.
    await waitFor(() => traffic.statuses.length >= 60, "60 answered requests before SIGTERM", 10_000);
    const signalled = Date.now();
    api.child.kill("SIGTERM");
    const code = await within(api.exited, 15_000, "the API to exit after SIGTERM");
    const tookMs = Date.now() - signalled;
    await traffic.stop();
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(traffic.statuses.length).toBeGreaterThan(50);
    expect(traffic.failures).toEqual([]);
    expect(traffic.statuses.filter((s) => s !== 200)).toEqual([]);
    // The balancer saw the instance leave through readiness, not through refused requests.
    expect(traffic.readinessSeen).toContain(503);
  });

  it("survives the database going away under load: 503s while down, recovery without a restart", async () => {
    const { config, close } = await openMigratedTestDatabase("postgres", "dbdown");
    cleanups.push(close);
    const proxy = new TcpProxy(testServer.host, testServer.port);
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    const api = await startApiProcess({ ...config, port }, { RATE_LIMIT_SCALE: "1000" });
    cleanups.push(async () => void api.child.kill("SIGKILL"));
    const signIn = await fetch(`${api.url}/api/auth/dev/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "load@example.test" }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

    // Hit a route that needs the database on every request; readiness is not used to stop routing here.
    const statuses: number[] = [];
    const bodies = new Set<string>();
    let stopped = false;
    const deadline = Date.now() + LOAD_DEADLINE_MS;
    const workers = Array.from({ length: 4 }, async () => {
      while (!stopped && Date.now() < deadline) {
        const response = await fetch(`${api.url}/api/auth/me`, { headers: { cookie } });
        statuses.push(response.status);
        if (response.status !== 200) bodies.add(await response.text());
        else await response.arrayBuffer();
      }
    });
    const stopWorkers = async () => {
      stopped = true;
      await within(Promise.all(workers), 10_000, "the load loops to stop");
    };
    cleanups.push(stopWorkers);
    const okCount = () => statuses.filter((s) => s === 200).length;
    await waitFor(() => okCount() >= 20, "20 answered requests while the database is up", 10_000);
    await proxy.stop();
    await waitFor(() => statuses.includes(503), "a 503 under load once the database is gone", 10_000);
    const readinessDown = await fetch(`${api.url}/api/health/readiness`);
    expect(readinessDown.status).toBe(503);
    expect((await fetch(`${api.url}/api/health/liveness`)).status).toBe(200);
    await proxy.start();
    // Recovery: requests succeed again on the same process, with no restart in between.
    const okBeforeRecovery = okCount();
    await waitFor(
      () => okCount() >= okBeforeRecovery + 20,
      "20 answered requests after the database returns",
      15_000,
    );
    await stopWorkers();

    expect(api.child.exitCode).toBeNull();
    expect((await fetch(`${api.url}/api/health/readiness`)).status).toBe(200);
    expect((await fetch(`${api.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const body of bodies) expect(JSON.parse(body)).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
  });
});
