import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../http/errors";
import { generateWithAnthropic } from "./anthropic-engine";
import { apiKeyOf, type FakeAnthropic, startFakeAnthropic } from "./fake-anthropic-server";
import type { GenerationInput } from "./generation-input";

const input: GenerationInput = {
  prompt: "arc through three points",
  intent: "create",
  colorMode: "dark",
  variantCount: 2,
  attachments: [
    { name: "style.svg", svg: '<svg xmlns="http://www.w3.org/2000/svg"><g id="Primary"/></svg>' },
  ],
};

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});

const run = (overrides: { signal?: AbortSignal; timeoutMs?: number } = {}) => {
  const progress: unknown[] = [];
  const result = generateWithAnthropic(input, {
    apiKey: "sk-ant-test-engine",
    baseUrl: fake.url,
    model: "claude-test",
    timeoutMs: overrides.timeoutMs ?? 5_000,
    signal: overrides.signal ?? new AbortController().signal,
    onProgress: (event) => progress.push(event),
  });
  return { result, progress };
};

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return { code: (error as ApiError).code, status: (error as ApiError).statusCode, error: error as ApiError };
};

describe("generateWithAnthropic against a local Messages API", () => {
  it("streams a forced tool call and returns its variants, with progress", async () => {
    const variants = [
      { svg: "<svg>one</svg>", toolType: "DRAWING", rationale: "first" },
      { svg: "<svg>two</svg>", toolType: "ANALYSIS", rationale: "second" },
    ];
    fake.reply({ kind: "tool", inputJson: JSON.stringify({ variants }), chunks: 7 });
    const { result, progress } = run();
    expect((await result).variants).toEqual(variants);
    const request = fake.requests.at(-1);
    expect(request && apiKeyOf(request)).toBe("sk-ant-test-engine");
    expect(request?.body.stream).toBe(true);
    expect(request?.body.model).toBe("claude-test");
    expect(request?.body.tool_choice).toEqual({ type: "tool", name: "emit_icon_variants" });
    // The design rules come from icon-kit's data, and attachments travel in the user message.
    expect(String(request?.body.system)).toContain('viewBox="0 0 32 32"');
    expect(JSON.stringify(request?.body.messages)).toContain("style.svg");
    expect(progress).toContainEqual(expect.objectContaining({ stage: "receiving", variantsReceived: 1 }));
  });

  it.each([
    ["bad JSON", '{"variants": [ {"svg": '],
    ["missing variants", JSON.stringify({ icons: [] })],
    ["variant without svg", JSON.stringify({ variants: [{ toolType: "DRAWING" }] })],
  ])("rejects malformed output (%s) as PROVIDER_BAD_OUTPUT", async (_name, inputJson) => {
    fake.reply({ kind: "tool", inputJson });
    expect(await codeOf(run().result)).toMatchObject({ status: 502, code: "PROVIDER_BAD_OUTPUT" });
  });

  it("maps 401, 429 (with retry-after), 529 and 500", async () => {
    fake.reply({ kind: "error", status: 401, type: "authentication_error" });
    const auth = await codeOf(run().result);
    expect(auth).toMatchObject({ status: 502, code: "PROVIDER_AUTH_FAILED" });
    expect(auth.error.message).toMatch(/key/);

    fake.reply({ kind: "error", status: 429, type: "rate_limit_error", headers: { "retry-after": "17" } });
    const limited = await codeOf(run().result);
    expect(limited).toMatchObject({ status: 429, code: "PROVIDER_RATE_LIMITED" });
    expect(limited.error.details).toEqual({ retryAfter: 17 });

    fake.reply({ kind: "error", status: 529, type: "overloaded_error" });
    expect(await codeOf(run().result)).toMatchObject({ status: 503, code: "PROVIDER_OVERLOADED" });

    fake.reply({ kind: "error", status: 500, type: "api_error" });
    expect(await codeOf(run().result)).toMatchObject({ status: 502, code: "PROVIDER_ERROR" });
  });

  it.each(["hang", "stall"] as const)("times out when the server %ss, aborting upstream", async (kind) => {
    fake.reply({ kind });
    const aborted = fake.nextAbort();
    expect(await codeOf(run({ timeoutMs: 300 }).result)).toMatchObject({
      status: 504,
      code: "PROVIDER_TIMEOUT",
    });
    await aborted;
  });

  it("aborts the upstream request when the caller's signal fires", async () => {
    fake.reply({ kind: "stall" });
    const controller = new AbortController();
    const before = fake.requests.length;
    const { result } = run({ signal: controller.signal });
    const aborted = fake.nextAbort();
    while (fake.requests.length === before) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    expect(await codeOf(result)).toMatchObject({ code: "CANCELLED" });
    await aborted;
  });
});
