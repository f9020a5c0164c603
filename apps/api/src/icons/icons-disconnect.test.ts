import type { AddressInfo } from "node:net";
import {
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import { countAssets, goodSvg, toolInput } from "@parametric-portal/test-support/icons-test-kit";
import { waitFor } from "@parametric-portal/test-support/processes";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let fake: FakeAnthropic;
let t: TestApp;
let ada: SignedIn;
let base: string;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  t = await createTestApp({
    ANTHROPIC_API_KEY: "sk-ant-server-disconnect",
    ANTHROPIC_BASE_URL: fake.url,
    // Far longer than the test: only the client's disconnect can end the upstream request.
    ANTHROPIC_TIMEOUT_MS: "60000",
  });
  ada = await signIn(t.app);
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const cancelledCount = () => t.logs().split('"CANCELLED"').length - 1;

describe("a client that disconnects mid-generation", () => {
  it.each([
    ["Server-Sent Events", "text/event-stream"],
    ["plain JSON", "application/json"],
  ])("aborts the upstream model request and stores nothing (%s)", async (_name, accept) => {
    fake.reply({ kind: "stall" });
    const before = await countAssets((text) => t.database.query<{ n: number }>(text));
    const requestsBefore = fake.requests.length;
    const cancelledBefore = cancelledCount();
    const client = new AbortController();
    const upstreamAborted = fake.nextAbort();
    const pending = fetch(`${base}/api/icons`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept,
        cookie: ada.cookie,
        "x-csrf-token": ada.csrfToken,
      },
      body: JSON.stringify({ prompt: "arc through three points" }),
      signal: client.signal,
    }).then(async (response) => {
      // For SSE the headers arrive first; keep reading until the abort tears the body down.
      await response.text();
    });
    await waitFor(() => fake.requests.length > requestsBefore, "the request to reach the model", 10_000);
    client.abort();
    await expect(pending).rejects.toThrow();
    await upstreamAborted;
    // The server logs the cancelled generation once its work has ended.
    await waitFor(
      () => cancelledCount() > cancelledBefore,
      "the API to log the generation as cancelled",
      10_000,
    );
    expect(await countAssets((text) => t.database.query<{ n: number }>(text))).toBe(before);
  });
});

describe("a client that disconnects after the model answered", () => {
  it.each([
    ["Server-Sent Events", "text/event-stream"],
    ["plain JSON", "application/json"],
  ])("still stores the paid answer (%s)", async (_name, accept) => {
    const prompt = `offset curve ${accept}`;
    // The whole answer, message_stop included, arrives; the upstream connection is not closed yet.
    fake.reply({ kind: "linger", inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING" }]) });
    const answered = fake.nextAnswered();
    const cancelledBefore = cancelledCount();
    const client = new AbortController();
    const pending = fetch(`${base}/api/icons`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept,
        cookie: ada.cookie,
        "x-csrf-token": ada.csrfToken,
      },
      body: JSON.stringify({ prompt }),
      signal: client.signal,
    }).then((response) => response.text());
    await answered;
    client.abort();
    await pending.catch(() => undefined);
    const stored = async () =>
      (
        await t.database.query<{ n: number }>("select count(*)::int as n from assets where prompt = $1", [
          prompt,
        ])
      )[0]?.n ?? 0;
    let n = 0;
    // Until it is stored, or the server gives the generation up as cancelled.
    await waitFor(
      async () => {
        n = await stored();
        return n > 0 || cancelledCount() > cancelledBefore;
      },
      "the paid answer to be stored or the generation to be logged as cancelled",
      10_000,
    );
    expect(n).toBe(1);
  });
});
