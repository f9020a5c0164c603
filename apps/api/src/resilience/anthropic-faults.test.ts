import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeAnthropic, startFakeAnthropic } from "../icons/fake-anthropic-server";
import { countAssets, goodSvg, parseEvents, postIcon, toolInput } from "../icons/icons-test-kit";
import { type SignedIn, signIn } from "../test-support/session";
import { createTestApp, type TestApp } from "../test-support/test-app";

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
