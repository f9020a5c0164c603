import { type ApiProcess, startApiProcess } from "@parametric-portal/test-support/api-process";
import { openMigratedTestDatabase, testServer } from "@parametric-portal/test-support/database";
import { within } from "@parametric-portal/test-support/deadline";
import { waitFor } from "@parametric-portal/test-support/processes";
import { TcpProxy } from "@parametric-portal/test-support/tcp-proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("graceful shutdown", () => {
  const proxy = new TcpProxy(testServer.host, testServer.port);
  let closeDatabase: () => Promise<void>;
  let api: ApiProcess;

  beforeAll(async () => {
    const created = await openMigratedTestDatabase("postgres", "shutdown");
    closeDatabase = created.close;
    const port = await proxy.start();
    api = await startApiProcess({ ...created.config, port });
  });
  afterAll(async () => {
    api.child.kill("SIGKILL");
    await proxy.stop();
    await closeDatabase();
  });

  it("finishes every in-flight request after SIGTERM, then exits 0", async () => {
    // Every database round trip now takes a while, so readiness requests stay in flight.
    proxy.delayMs = 400;
    let queriesSeen = 0;
    proxy.onClientData = (chunk) => {
      if (chunk.includes("select 1")) queriesSeen += 1;
    };
    const inFlight = Array.from({ length: 8 }, () =>
      fetch(`${api.url}/api/health/readiness`).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      })),
    );
    await waitFor(() => queriesSeen >= 8, "all requests to reach the database", 10_000);
    api.child.kill("SIGTERM");
    const results = await within(Promise.all(inFlight), 10_000, "the in-flight requests to finish");
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await within(api.exited, 10_000, "the API to exit after SIGTERM")).toBe(0);
    await expect(fetch(`${api.url}/api/health/liveness`)).rejects.toThrow();
  });
});
