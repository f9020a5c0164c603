import {
  apiKeyOf,
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import { goodSvg, toolInput } from "@parametric-portal/test-support/icons-test-kit";
import { waitFor } from "@parametric-portal/test-support/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenUsage } from "./anthropic-call";
import { generateWithAnthropic } from "./anthropic-engine";
import { GenerationFailed, generationFailureToHttp } from "./generation-failure";
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
// A grip 3.5 units from the line: too far to snap, so only the model can fix it.
const gripOffLine = () => goodSvg().replace('<rect x="25" y="5"', '<rect x="15" y="20"');

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});

const run = (overrides: { signal?: AbortSignal; timeoutMs?: number; variantCount?: number } = {}) => {
  const progress: unknown[] = [];
  const usage: TokenUsage[] = [];
  const result = generateWithAnthropic(
    { ...input, variantCount: overrides.variantCount ?? input.variantCount },
    {
      apiKey: "sk-ant-test-engine",
      baseUrl: fake.url,
      model: "claude-test",
      timeoutMs: overrides.timeoutMs ?? 10_000,
      signal: overrides.signal ?? new AbortController().signal,
      onProgress: (event) => progress.push(event),
      onUsage: (tokens) => usage.push(tokens),
    },
  );
  return { result, progress, usage };
};

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GenerationFailed);
  const failure = (error as GenerationFailed).failure;
  if (failure.kind === "unexpected")
    throw new Error("expected a mapped generation failure", { cause: failure.cause });
  const http = generationFailureToHttp(failure);
  return { code: http.code, status: http.status, error: { ...http, failure } };
};

const requestsDuring = async (work: () => Promise<unknown>) => {
  const before = fake.requests.length;
  await work();
  return fake.requests.slice(before);
};

describe("generateWithAnthropic against a local Messages API", () => {
  it("streams a forced tool call with cache marks and returns its variants, with progress", async () => {
    const variants = [
      { svg: goodSvg(), toolType: "DRAWING", rationale: "first" },
      { svg: goodSvg(), toolType: "DRAWING", rationale: "second" },
    ];
    fake.reply({ kind: "tool", inputJson: JSON.stringify({ variants }), chunks: 7 });
    let outcome: unknown;
    let progress: unknown[] = [];
    const sent = await requestsDuring(async () => {
      const call = run();
      progress = call.progress;
      outcome = await call.result;
    });
    expect(outcome).toEqual({ variants });
    // Everything passed: no repair round.
    expect(sent).toHaveLength(1);
    const request = sent[0];
    expect(request && apiKeyOf(request)).toBe("sk-ant-test-engine");
    expect(request?.body.stream).toBe(true);
    expect(request?.body.model).toBe("claude-test");
    expect(request?.body.tool_choice).toEqual({ type: "tool", name: "emit_icon_variants" });
    // The system prompt and the tool carry the prompt-caching marks.
    const system = request?.body.system as { text: string; cache_control?: unknown }[];
    expect(system.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
    expect(system.map((block) => block.text).join("\n")).toContain('viewBox="0 0 32 32"');
    const tools = request?.body.tools as { name: string; cache_control?: unknown }[];
    expect(tools).toEqual([
      expect.objectContaining({ name: "emit_icon_variants", cache_control: { type: "ephemeral" } }),
    ]);
    expect(JSON.stringify(request?.body.messages)).toContain("style.svg");
    expect(progress).toContainEqual(expect.objectContaining({ stage: "receiving", variantsReceived: 1 }));
  });

  it("sends a failing variant back once with its findings, and takes the model's correction", async () => {
    const good = { svg: goodSvg(), toolType: "DRAWING", rationale: "fine" };
    fake.script(
      {
        kind: "tool",
        toolUseId: "toolu_first",
        inputJson: toolInput([good, { svg: gripOffLine(), toolType: "DRAWING", rationale: "off" }]),
        usage: { input: 120, cacheCreation: 900, output: 2_500 },
      },
      {
        kind: "tool",
        inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING", rationale: "fixed" }]),
        usage: { input: 80, cacheRead: 900, output: 400 },
      },
    );
    let outcome: Awaited<ReturnType<typeof generateWithAnthropic>> | undefined;
    let usage: TokenUsage[] = [];
    const sent = await requestsDuring(async () => {
      const call = run();
      usage = call.usage;
      outcome = await call.result;
    });
    expect(sent).toHaveLength(2);
    const [first, second] = sent;
    const messages = second?.body.messages as { role: string; content: unknown }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[0]).toEqual((first?.body.messages as unknown[] | undefined)?.[0]);
    expect(messages[1]?.content).toEqual([
      expect.objectContaining({ type: "tool_use", id: "toolu_first", name: "emit_icon_variants" }),
    ]);
    const [result, instruction] = (messages[2]?.content ?? []) as {
      type: string;
      content?: string;
      text?: string;
    }[];
    expect(result).toMatchObject({ type: "tool_result", tool_use_id: "toolu_first" });
    expect(result?.content).toContain("Variant 2");
    expect(result?.content).toContain("[grip-on-geometry]");
    expect(result?.content).not.toContain("Variant 1");
    expect(instruction?.text).toMatch(/exactly 1 corrected variant/);
    // The repair round gets what the first answer left of the budget (1,000 + 2 × 3,000).
    expect(second?.body.max_tokens).toBe(7_000 - 2_500);
    expect(second?.body.tools).toEqual(first?.body.tools);
    expect(second?.body.system).toEqual(first?.body.system);
    expect(outcome?.variants[0]).toEqual(good);
    expect(outcome?.variants[1]).toMatchObject({
      rationale: "fixed",
      repairs: [expect.stringMatching(/model/)],
    });
    expect(usage).toEqual([{ input: 200, cacheRead: 900, cacheCreation: 900, output: 2_900 }]);
  });

  it("keeps a variant the repair round did not fix as it was, for the caller to flag", async () => {
    const off = { svg: gripOffLine(), toolType: "DRAWING", rationale: "off" };
    fake.script(
      { kind: "tool", inputJson: toolInput([off]) },
      { kind: "tool", inputJson: toolInput([{ ...off, rationale: "still off" }]) },
    );
    const sent = await requestsDuring(async () => {
      expect((await run({ variantCount: 1 }).result).variants).toEqual([off]);
    });
    expect(sent).toHaveLength(2);
  });

  it("keeps the first answer when the repair call fails", async () => {
    const off = { svg: gripOffLine(), toolType: "DRAWING", rationale: "off" };
    fake.script(
      { kind: "tool", inputJson: toolInput([off]) },
      { kind: "error", status: 529, type: "overloaded_error" },
    );
    const sent = await requestsDuring(async () => {
      expect((await run({ variantCount: 1 }).result).variants).toEqual([off]);
    });
    expect(sent).toHaveLength(2);
  });

  it("skips the repair round when the deadline has too little time left", async () => {
    const off = { svg: gripOffLine(), toolType: "DRAWING", rationale: "off" };
    fake.reply({ kind: "tool", inputJson: toolInput([off]) });
    const sent = await requestsDuring(async () => {
      expect((await run({ variantCount: 1, timeoutMs: 2_000 }).result).variants).toEqual([off]);
    });
    expect(sent).toHaveLength(1);
  });

  it("refuses an answer over its size cap, aborting the upstream stream", async () => {
    const huge = toolInput([{ svg: `<svg>${"<g/>".repeat(100_000)}</svg>`, toolType: "DRAWING" }]);
    fake.reply({ kind: "tool", inputJson: huge, chunks: 2_000 });
    const aborted = fake.nextAbort();
    const { error, code } = await codeOf(run({ variantCount: 1 }).result);
    expect(code).toBe("PROVIDER_BAD_OUTPUT");
    expect(error.message).toBe("The model's answer exceeded 256 KiB for 1 variant; try fewer variants.");
    await aborted;
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
    await waitFor(() => fake.requests.length > before, "the request to reach the model", 10_000);
    controller.abort();
    expect(await codeOf(result)).toMatchObject({ code: "CANCELLED" });
    await aborted;
  });
});
