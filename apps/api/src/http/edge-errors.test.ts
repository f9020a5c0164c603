import net from "node:net";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, BODY_LIMIT_BYTES, buildApp } from "../app";
import { loadConfig } from "../config";
import { createLogger } from "./logger";

/** Every error path, Fastify's own included, answers `{ code, message }` with the usual headers. */
const ORIGIN = "http://localhost:3001";
const config = loadConfig({ NODE_ENV: "test", CORS_ORIGINS: ORIGIN });
let app: App;

beforeAll(async () => {
  const database = (await openMigratedTestDatabase("pglite")).database;
  app = await buildApp(config, { database, logger: createLogger("silent") });
  app.addHook("onClose", async () => database.close());
});
afterAll(async () => app?.close());

type Headers = Record<string, string | string[] | number | undefined>;

const expectProjectShape = (status: number, headers: Headers, body: string, code: string) => {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  expect(Object.keys(parsed).sort()).toEqual(["code", "message"]);
  expect(parsed.code).toBe(code);
  expect(typeof parsed.message).toBe("string");
  expect(status).toBeGreaterThanOrEqual(400);
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers["content-security-policy"]).toContain("default-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["access-control-allow-origin"]).toBe(ORIGIN);
  expect(headers["access-control-allow-credentials"]).toBe("true");
};

describe("error paths through inject", () => {
  const cases: { name: string; status: number; code: string; request: InjectOptions }[] = [
    {
      name: "bad URL encoding",
      status: 400,
      code: "BAD_URL",
      request: { method: "GET", url: "/api/icons/%zz" },
    },
    {
      name: "unsupported content type",
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      request: {
        method: "POST",
        url: "/api/auth/dev/sign-in",
        headers: { "content-type": "text/csv" },
        payload: "a,b",
      },
    },
    {
      name: "body too large",
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      request: {
        method: "POST",
        url: "/api/auth/dev/sign-in",
        headers: { "content-type": "application/json" },
        payload: `{"email":"${"a".repeat(BODY_LIMIT_BYTES)}"}`,
      },
    },
    {
      name: "malformed JSON",
      status: 400,
      code: "INVALID_JSON",
      request: {
        method: "POST",
        url: "/api/auth/dev/sign-in",
        headers: { "content-type": "application/json" },
        payload: "{",
      },
    },
    {
      name: "unknown route",
      status: 404,
      code: "ROUTE_NOT_FOUND",
      request: { method: "GET", url: "/api/nope" },
    },
    // Fastify has no 405: a known path with another method is an unknown route.
    {
      name: "method not allowed",
      status: 404,
      code: "ROUTE_NOT_FOUND",
      request: { method: "PUT", url: "/api/health/liveness" },
    },
  ];

  for (const { name, status, code, request } of cases) {
    it(`${name}: ${status} ${code}`, async () => {
      const response = await app.inject({ ...request, headers: { ...request.headers, origin: ORIGIN } });
      expect(response.statusCode).toBe(status);
      expectProjectShape(response.statusCode, response.headers, response.body, code);
    });
  }

  it("bad URL answers carry the same CORS headers as any other error, with and without an allowed Origin", async () => {
    for (const origin of [ORIGIN, "https://evil.example", undefined]) {
      const headers = origin === undefined ? {} : { origin };
      const bad = await app.inject({ method: "GET", url: "/api/icons/%zz", headers });
      const other = await app.inject({ method: "GET", url: "/api/nope", headers });
      const cors = (h: Headers) =>
        Object.fromEntries(
          Object.entries(h).filter(([name]) => name.startsWith("access-control-") || name === "vary"),
        );
      expect(cors(bad.headers)).toEqual(cors(other.headers));
    }
  });
});

/** Raw HTTP/1.1 over a socket: what a client really receives, byte for byte. */
const exchange = async (port: number, requests: string[], between?: () => Promise<void>): Promise<string> => {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("latin1");
  });
  const ended = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.write(requests[0] ?? "");
  if (between) await between();
  for (const more of requests.slice(1)) socket.write(more);
  const deadline = setTimeout(() => socket.destroy(), 10_000);
  await ended;
  clearTimeout(deadline);
  return received;
};

const parseResponses = (raw: string) =>
  raw
    .split(/(?=HTTP\/1\.1 \d{3} )/)
    .filter(Boolean)
    .map((one) => {
      const [head = "", ...rest] = one.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(":");
        headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      return { status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") };
    });

describe("error paths over a real socket", () => {
  let server: App;
  let port: number;
  let release: () => void = () => {};
  let entered: () => void = () => {};
  const holding = new Promise<void>((resolve) => {
    entered = resolve;
  });
  let closingBegan: () => void = () => {};
  const closing = new Promise<void>((resolve) => {
    closingBegan = resolve;
  });

  beforeAll(async () => {
    const database = (await openMigratedTestDatabase("pglite")).database;
    server = await buildApp(config, { database, logger: createLogger("silent") });
    server.addHook("onClose", async () => database.close());
    // A request that stays in flight, so a connection is still open while the server closes.
    server.get("/test/hold", async () => {
      entered();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { held: true };
    });
    // Runs after the app's own preClose hook, which starts refusing new requests.
    server.addHook("preClose", (done) => {
      closingBegan();
      done();
    });
    await server.listen({ host: "127.0.0.1", port: 0 });
    port = (server.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    release();
    if (server?.server.listening) await server.close();
  });

  const get = (path: string, extra = "") =>
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nConnection: close\r\n${extra}\r\n`;

  it("bad URL encoding, as a client sends it", async () => {
    const [response] = parseResponses(await exchange(port, [get("/api/icons/%zz")]));
    expect(response?.status).toBe(400);
    expectProjectShape(response?.status ?? 0, response?.headers ?? {}, response?.body ?? "", "BAD_URL");
  });

  it("requests Node's HTTP parser refuses: the shape, a request id and the security headers", async () => {
    const [response] = parseResponses(await exchange(port, ["NOT HTTP AT ALL\r\n\r\n"]));
    expect(response?.status).toBe(400);
    expect(JSON.parse(response?.body ?? "")).toEqual({
      code: "MALFORMED_REQUEST",
      message: expect.any(String),
    });
    expect(response?.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(response?.headers["content-security-policy"]).toContain("default-src 'none'");
  });

  it("503 while the server is closing, with the shape and every header", async () => {
    let closed: Promise<void> = Promise.resolve();
    const raw = await exchange(
      port,
      [`GET /test/hold HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, get("/api/auth/me")],
      async () => {
        await holding;
        closed = server.close();
        await closing;
        // The second request arrives on the connection still open, after closing began.
        setImmediate(() => release());
      },
    );
    await closed;
    const [held, refused] = parseResponses(raw);
    expect(held?.status).toBe(200);
    expect(refused?.status).toBe(503);
    expectProjectShape(refused?.status ?? 0, refused?.headers ?? {}, refused?.body ?? "", "SHUTTING_DOWN");
  });
});
