import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { migrate } from "@parametric-portal/database/migrate";
import { TcpProxy } from "@parametric-portal/database/tcp-proxy";
import { createTestDatabase, testServer } from "@parametric-portal/database/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const freePort = async (): Promise<number> => {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
};

const waitFor = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe("graceful shutdown", () => {
  const proxy = new TcpProxy(testServer.host, testServer.port);
  let drop: () => Promise<void>;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const created = await createTestDatabase("shutdown");
    drop = created.drop;
    const db = await openDatabase(created.config);
    await migrate(db);
    await db.close();
    const proxyPort = await proxy.start();
    const apiPort = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "main.ts")], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "test",
        API_PORT: String(apiPort),
        POSTGRES_HOST: "127.0.0.1",
        POSTGRES_PORT: String(proxyPort),
        POSTGRES_DB: created.config.database,
        POSTGRES_USER: created.config.user,
        METRICS_PORT: "off",
        LOG_LEVEL: "info",
      },
      stdio: "ignore",
    });
    (child as ChildProcess & { apiPort: number }).apiPort = apiPort;
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${apiPort}/api/health/liveness`)).ok,
      "the API to listen",
    );
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await proxy.stop();
    await drop();
  });

  it("finishes every in-flight request after SIGTERM, then exits 0", async () => {
    const api = child as ChildProcess & { apiPort: number };
    // Every database round trip now takes a while, so readiness requests stay in flight.
    proxy.delayMs = 400;
    let queriesSeen = 0;
    proxy.onClientData = (chunk) => {
      if (chunk.includes("select 1")) queriesSeen += 1;
    };
    const inFlight = Array.from({ length: 8 }, () =>
      fetch(`http://127.0.0.1:${api.apiPort}/api/health/readiness`).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      })),
    );
    await waitFor(() => queriesSeen >= 8, "all requests to reach the database");
    const exited = once(api, "exit");
    api.kill("SIGTERM");
    const results = await Promise.all(inFlight);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const [code] = await exited;
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${api.apiPort}/api/health/liveness`)).rejects.toThrow();
  });
});
