import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import {
  countAssets,
  goodSvg,
  parseEvents,
  postIcon,
  toolInput,
} from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../http/errors";
import { generateWithAnthropic } from "../icons/anthropic-engine";

/**
 * The model provider misbehaving at the transport level: the request fails with a clear
 * error, nothing half-written reaches the database, and the API keeps serving.
 */
let fake: FakeAnthropic;
let t: TestApp;
let user: SignedIn;
const assets = () => countAssets((text) => t.database.query<{ n: number }>(text));

beforeAll(async () => {
  fake = await startFakeAnthropic();
  t = await createTestApp({
    ANTHROPIC_API_KEY: "sk-ant-faults-test",
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_TIMEOUT_MS: "1500",
    LOG_LEVEL: "warn",
  });
  user = await signIn(t.app);
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const complete = () => toolInput([{ svg: goodSvg(), toolType: "DRAWING", rationale: "a line" }]);

describe("Anthropic transport faults", () => {
  it.each([
    ["drops the connection mid-stream", () => fake.reply({ kind: "drop", inputJson: complete() })],
    [
      "answers garbage bytes as an event stream",
      () =>
        fake.reply({
          kind: "garbage",
          contentType: "text/event-stream",
          body: "\u0000\u00ff not sse at all {{{",
        }),
    ],
    [
      "answers an HTML page",
      () =>
        fake.reply({
          kind: "garbage",
          contentType: "text/html",
          body: "<html><body>502 Bad Gateway</body></html>",
        }),
    ],
    ["hangs", () => fake.reply({ kind: "hang" })],
  ])("when the provider %s: a clean JSON error, nothing stored, still serving", async (_what, arrange) => {
    arrange();
    const before = await assets();
    const response = await postIcon(t.app, user, { prompt: "line", engine: "anthropic" });
    expect(response.statusCode).toBeGreaterThanOrEqual(500);
    expect(response.statusCode).not.toBe(500);
    const body = response.json<{ code: string; message: string }>();
    expect(body.code).toMatch(/^PROVIDER_/);
    expect(body.message.length).toBeGreaterThan(10);
    expect(await assets()).toBe(before);
    // The same request succeeds once the provider behaves again.
    fake.reply({ kind: "tool", inputJson: complete() });
    const retry = await postIcon(t.app, user, { prompt: "line", engine: "anthropic" });
    expect(retry.statusCode).toBe(201);
    expect(await assets()).toBe(before + 1);
  });

  it("reports a mid-stream drop as an SSE error event and stores nothing", async () => {
    fake.reply({ kind: "drop", inputJson: complete() });
    const before = await assets();
    const response = await postIcon(
      t.app,
      user,
      { prompt: "line", engine: "anthropic" },
      { accept: "text/event-stream" },
    );
    const events = parseEvents(response.body);
    expect(events.at(-1)?.event).toBe("error");
    expect(String(events.at(-1)?.data.code)).toMatch(/^PROVIDER_/);
    expect(events.some((e) => e.event === "done")).toBe(false);
    expect(await assets()).toBe(before);
  });
});

/**
 * A huge answer must not stall the process: the event loop keeps turning (so liveness and every
 * other request keep being served) while it streams, and past its cap it is refused. The bound
 * is deliberately generous (about 15–150 ms is seen here on a busy machine; the old per-delta
 * rescan of an uncapped answer blocked for seconds): it catches a stall, not a slowdown. That the
 * work per delta is linear is asserted exactly, by the collector's work counter (tool-output.test.ts).
 */
describe("large model answers", () => {
  const MAX_EVENT_LOOP_DELAY_MS = 1_000;
  const engine = (variantCount: number, signal = new AbortController().signal) =>
    generateWithAnthropic(
      { prompt: "line", intent: "create", colorMode: "dark", variantCount, attachments: [] },
      {
        apiKey: "sk-ant-large-answers",
        baseUrl: fake.url,
        model: "claude-test",
        timeoutMs: 60_000,
        signal,
        onProgress: () => {},
      },
    );
  const whileMeasuring = async <T>(work: () => Promise<T>): Promise<{ result: T; maxDelayMs: number }> => {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    try {
      const result = await work();
      return { result, maxDelayMs: histogram.max / 1e6 };
    } finally {
      histogram.disable();
    }
  };

  it("streams a 1.9 MB answer in 24,000 deltas without blocking the event loop", async () => {
    // Long rationales full of "svg": keys (escaped, so not keys) make the counter work hard.
    const rationale = 'a "svg": b '.repeat(18_300);
    const inputJson = toolInput(
      Array.from({ length: 8 }, () => ({ svg: goodSvg(), toolType: "DRAWING", rationale })),
    );
    expect(inputJson.length).toBeGreaterThan(1_900_000);
    fake.reply({ kind: "tool", inputJson, chunks: 24_000 });
    const { result, maxDelayMs } = await whileMeasuring(() => engine(8));
    expect(result.variants).toHaveLength(8);
    console.log("MAXDELAY", maxDelayMs);
    expect(maxDelayMs).toBeLessThan(MAX_EVENT_LOOP_DELAY_MS);
  });

  it("refuses a 9.6 MB answer at its cap, aborting the stream, without blocking the event loop", async () => {
    const svg = `<svg>${'<path d="M4 4L28 28"/>'.repeat(52_000)}</svg>`;
    const inputJson = toolInput(Array.from({ length: 8 }, () => ({ svg, toolType: "DRAWING" })));
    expect(inputJson.length).toBeGreaterThan(9_600_000);
    fake.reply({ kind: "tool", inputJson, chunks: 24_000 });
    const aborted = fake.nextAbort();
    const { result, maxDelayMs } = await whileMeasuring(() => engine(8).catch((error: unknown) => error));
    expect(result).toBeInstanceOf(ApiError);
    expect(result).toMatchObject({
      code: "PROVIDER_BAD_OUTPUT",
      message: "The model's answer exceeded 2048 KiB for 8 variants; try fewer variants.",
    });
    await aborted;
    console.log("MAXDELAY", maxDelayMs);
    expect(maxDelayMs).toBeLessThan(MAX_EVENT_LOOP_DELAY_MS);
  });
});
