import { randomBytes } from "node:crypto";
import type { Database } from "@parametric-portal/database/client";
import { type ApiProcess, startApiProcess } from "@parametric-portal/test-support/api-process";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import {
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import { goodSvg, toolInput } from "@parametric-portal/test-support/icons-test-kit";
import { waitForFreshWindow } from "@parametric-portal/test-support/rate-window";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Two API replicas on one PostgreSQL database: together they allow each limit once, not twice. */
let fake: FakeAnthropic;
let close: () => Promise<void>;
let database: Database;
let replicas: ApiProcess[] = [];

const QUOTA = 3;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  fake.reply({ kind: "tool", inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING" }]) });
  const created = await openMigratedTestDatabase("postgres", "cluster");
  close = created.close;
  database = created.database;
  // One ENCRYPTION_KEY, as in a cluster: a session's CSRF token is accepted by every replica.
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    ANTHROPIC_API_KEY: "sk-ant-cluster-test",
    ANTHROPIC_BASE_URL: fake.url,
    ICON_DAILY_QUOTA: String(QUOTA),
    LOG_LEVEL: "warn",
    TRUST_PROXY: "1",
  };
  replicas = await Promise.all([startApiProcess(created.config, env), startApiProcess(created.config, env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(
    replicas.map(async (replica) => {
      replica.child.kill("SIGTERM");
      await replica.exited;
    }),
  );
  await close?.();
  await fake?.close();
});

/** Limits count per client address; behind one trusted proxy hop, X-Forwarded-For names it. */
const signIn = (replica: ApiProcess, email: string, client: string) =>
  fetch(`${replica.url}/api/auth/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify({ email }),
  });

describe("limits shared by API replicas", () => {
  it("the sign-in limit (60 a minute per client) holds for both replicas together", async () => {
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    // 62 requests must land in one window of the shared counter.
    await waitForFreshWindow(database, 60_000, 25_000);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const response = await signIn(i % 2 === 0 ? a : b, `limit-${i}@example.test`, "203.0.113.1");
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    for (const replica of [a, b]) {
      const refused = await signIn(replica, "one-more@example.test", "203.0.113.1");
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED" });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // Health checks stay out of every limit.
    expect((await fetch(`${a.url}/api/health/readiness`)).status).toBe(200);
  }, 90_000);

  it("the daily quota on the server's key holds for both replicas together", async () => {
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    // Another client address than the test before, whose sign-in limit is used up.
    const session = await signIn(a, "quota@example.test", "203.0.113.2");
    expect(session.status).toBe(200);
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const generate = (replica: ApiProcess, i: number) =>
      fetch(`${replica.url}/api/icons`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
        body: JSON.stringify({ prompt: `line ${i}`, engine: "anthropic" }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));
    const results = await Promise.all(
      Array.from({ length: QUOTA * 2 }, (_, i) => generate(i % 2 === 0 ? a : b, i)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(QUOTA).fill(201), ...Array(QUOTA).fill(429)]);
    for (const refused of results.filter((r) => r.status === 429)) {
      expect(refused.body).toMatchObject({ code: "QUOTA_EXCEEDED" });
    }
  }, 90_000);
});
