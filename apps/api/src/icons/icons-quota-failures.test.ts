import {
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import { goodSvg, postIcon, toolInput } from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Failures must not become a way past the daily quota on the server's key. */
let fake: FakeAnthropic;
let t: TestApp;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  t = await createTestApp({
    ANTHROPIC_API_KEY: "sk-ant-quota-test",
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_TIMEOUT_MS: "1500",
    ICON_DAILY_QUOTA: "2",
  });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const good = () =>
  fake.reply({ kind: "tool", inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING" }]) });
const generate = (user: SignedIn) => postIcon(t.app, user, { prompt: "line", engine: "anthropic" });

describe("the daily quota and failed generations", () => {
  it("counts generations that failed after the model answered (unusable output)", async () => {
    const user = await signIn(t.app);
    fake.reply({ kind: "tool", inputJson: '{"variants": "nope"}' });
    for (let i = 0; i < 2; i += 1) expect((await generate(user)).statusCode).toBe(502);
    good();
    const third = await generate(user);
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ code: "QUOTA_EXCEEDED" });
    // A 24-hour quota is no "retry in a minute".
    expect(third.headers["retry-after"]).toBeUndefined();
  });

  it("does not count refusals the provider answered before doing any work (529 overloaded)", async () => {
    const user = await signIn(t.app);
    fake.reply({ kind: "error", status: 529, type: "overloaded_error" });
    for (let i = 0; i < 3; i += 1) expect((await generate(user)).statusCode).toBe(503);
    good();
    expect((await generate(user)).statusCode).toBe(201);
    expect((await generate(user)).statusCode).toBe(201);
    expect((await generate(user)).statusCode).toBe(429);
  });
});
