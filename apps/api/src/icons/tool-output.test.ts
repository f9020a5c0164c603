import { describe, expect, it } from "vitest";
import { GenerationFailed, generationFailureToHttp } from "./generation-failure";
import { toolInputCollector } from "./tool-output";

const pushAll = (json: string, size: number, limit = 1 << 30) => {
  const collector = toolInputCollector(limit, 3);
  const counts: number[] = [];
  for (let i = 0; i < json.length; i += size) counts.push(collector.push(json.slice(i, i + size)));
  return { collector, counts };
};

describe("toolInputCollector", () => {
  it("counts each variant's svg key once however the stream is cut, including inside a key", () => {
    const json = JSON.stringify({ variants: [{ svg: "<svg/>" }, { svg: "<svg/>" }, { svg: "<svg/>" }] });
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const { collector, counts } = pushAll(json, size);
      expect(counts, `chunks of ${size}`).toEqual([...counts].sort((a, b) => a - b));
      expect(counts.at(-1), `chunks of ${size}`).toBe(3);
      expect(collector.text()).toBe(json);
    }
  });

  it("counts a key whose colon comes after whitespace, in another piece", () => {
    const collector = toolInputCollector(1 << 20, 1);
    expect(collector.push('{"variants":[{"svg"')).toBe(0);
    expect(collector.push("   ")).toBe(0);
    expect(collector.push(':"<svg/>"')).toBe(1);
  });

  it('does not count "svg" inside string values, escaped quotes included', () => {
    const tricky = JSON.stringify({
      variants: [{ rationale: 'says "svg": twice, "svg" :', svg: '<svg id="svg"/>', toolType: "svg" }],
    });
    expect(pushAll(tricky, 3).counts.at(-1)).toBe(1);
  });

  it("does work linear in the answer: every character is examined exactly once", () => {
    const variant = { svg: `<svg>${'<path d="M4 4L28 28"/>'.repeat(400)}</svg>`, rationale: "r" };
    const json = JSON.stringify({ variants: Array.from({ length: 8 }, () => variant) });
    for (const size of [16, 400, 4096]) {
      const { collector, counts } = pushAll(json, size);
      expect(counts.at(-1)).toBe(8);
      expect(collector.scanned).toBe(json.length);
    }
  });

  it("refuses an answer past its byte limit with PROVIDER_BAD_OUTPUT naming the limit", () => {
    const collector = toolInputCollector(2048, 2);
    collector.push("x".repeat(2000));
    const error = (() => {
      try {
        collector.push("é".repeat(30));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(GenerationFailed);
    const failure = (error as GenerationFailed).failure;
    expect(failure).toMatchObject({ kind: "answer_too_large", billed: true });
    expect(failure.kind === "unexpected" ? undefined : generationFailureToHttp(failure)).toEqual({
      status: 502,
      code: "PROVIDER_BAD_OUTPUT",
      message: "The model's answer exceeded 2 KiB for 2 variants; try fewer variants.",
    });
  });
});
