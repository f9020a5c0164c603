import { describe, expect, it } from "vitest";
import type { LocalEngineOutcome, ParamChange } from "./engine-contract";
import { drawLocalIcon, generateLocalIcons } from "./local-engine";
import { STROKE_MESSAGE } from "./style-requests";
import type { ToolId } from "./tool-catalog";
import { defaultParams } from "./tool-parameters";

type Expect =
  | { readonly changes: readonly ParamChange[]; readonly tool?: ToolId }
  | { readonly refused: "forbidden_by_design_system" | "no_change" };

/** (reference, instruction) → the parameter change it must make, or the refusal it must give. */
const TABLE: readonly [ToolId, Record<string, number>, string, Expect][] = [
  ["polygon", {}, "more sides", { changes: [{ key: "sides", from: 6, to: 7 }] }],
  ["polygon", {}, "fewer sides", { changes: [{ key: "sides", from: 6, to: 5 }] }],
  ["polygon", {}, "8 sides", { changes: [{ key: "sides", from: 6, to: 8 }] }],
  ["polygon", { sides: 3 }, "fewer sides", { refused: "no_change" }],
  ["polygon", {}, "rotate it", { changes: [{ key: "turn", from: 0, to: 90 }] }],
  ["polygon", {}, "turn by 90 degrees", { changes: [{ key: "turn", from: 0, to: 90 }] }],
  ["arc", {}, "larger", { changes: [{ key: "size", from: 20, to: 22 }] }],
  ["arc", {}, "a bit smaller", { changes: [{ key: "size", from: 20, to: 18 }] }],
  ["arc", {}, "wider", { changes: [{ key: "sweep", from: 180, to: 185 }] }],
  ["arc", {}, "240 degrees", { changes: [{ key: "sweep", from: 180, to: 240 }] }],
  ["arc", {}, "thicker arc", { refused: "forbidden_by_design_system" }],
  ["arc", {}, "larger end points", { refused: "forbidden_by_design_system" }],
  ["circle", { size: 24 }, "larger", { refused: "no_change" }],
  ["circle", {}, "make it bold with heavier stroke", { refused: "forbidden_by_design_system" }],
  ["circle", {}, "thinner lines", { refused: "forbidden_by_design_system" }],
  ["circle", {}, "make it red", { refused: "forbidden_by_design_system" }],
  ["circle", {}, "filled", { refused: "forbidden_by_design_system" }],
  ["rectangle", {}, "fill it", { refused: "forbidden_by_design_system" }],
  ["rotate", {}, "rotate by 30 degrees", { changes: [{ key: "angle", from: 40, to: 70 }] }],
  ["rotate", {}, "by 30 degrees", { changes: [{ key: "angle", from: 40, to: 70 }] }],
  ["rotate", {}, "90 degrees", { changes: [{ key: "angle", from: 40, to: 90 }] }],
  ["line", {}, "flip", { changes: [{ key: "flip", from: 0, to: 1 }] }],
  ["rectangle", {}, "mirror it", { changes: [{ key: "flip", from: 0, to: 1 }] }],
  ["rectangle", {}, "wider", { changes: [{ key: "width", from: 20, to: 22 }] }],
  ["rectangle", {}, "narrower", { changes: [{ key: "width", from: 20, to: 18 }] }],
  ["rectangle", {}, "taller", { changes: [{ key: "height", from: 16, to: 18 }] }],
  ["ellipse", {}, "shorter", { changes: [{ key: "height", from: 14, to: 12 }] }],
  ["fillet", {}, "rounder", { changes: [{ key: "radius", from: 8, to: 10 }] }],
  ["hatch", {}, "tighter", { changes: [{ key: "spacing", from: 3, to: 2 }] }],
  ["polarArray", {}, "more items", { changes: [{ key: "count", from: 6, to: 7 }] }],
  ["polarArray", {}, "12 holes", { changes: [{ key: "count", from: 6, to: 12 }] }],
  ["array", {}, "more rows", { changes: [{ key: "rows", from: 3, to: 4 }] }],
  ["array", {}, "fewer columns", { changes: [{ key: "columns", from: 3, to: 2 }] }],
  [
    "array",
    {},
    "2 by 5",
    {
      changes: [
        { key: "rows", from: 3, to: 2 },
        { key: "columns", from: 3, to: 5 },
      ],
    },
  ],
  ["divide", {}, "more divisions", { changes: [{ key: "divisions", from: 4, to: 5 }] }],
  ["divide", {}, "6 equal parts", { changes: [{ key: "divisions", from: 4, to: 6 }] }],
  ["copy", {}, "more copies", { changes: [{ key: "count", from: 2, to: 3 }] }],
  ["xline", {}, "rotate by 15 degrees", { changes: [{ key: "angle", from: 30, to: 45 }] }],
  ["offset", {}, "closer", { changes: [{ key: "distance", from: 4, to: 3 }] }],
  ["zoom", {}, "more", { refused: "no_change" }],
  ["arc", {}, "make the arc taller", { changes: [{ key: "size", from: 20, to: 22 }] }],
  ["circle", { size: 12 }, "shorter", { refused: "no_change" }],
  ["circle", {}, "blah blah", { refused: "no_change" }],
  ["circle", {}, "", { refused: "no_change" }],
  ["arc", {}, "add guides", { refused: "no_change" }],
  ["arc", {}, "remove the grips", { refused: "no_change" }],
  [
    "circle",
    {},
    "make it a square",
    {
      tool: "rectangle",
      changes: [
        { key: "width", from: 20, to: 16 },
        { key: "height", from: 16, to: 16 },
      ],
    },
  ],
];

function describeOutcome(outcome: LocalEngineOutcome): string {
  return JSON.stringify({ ...outcome, variants: undefined });
}

describe("refining a reference", () => {
  it("has a table of at least 30 pairs", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
  });

  for (const [tool, given, prompt, expected] of TABLE) {
    it(`${tool} ${JSON.stringify(given)} + "${prompt}"`, () => {
      const params = { ...defaultParams(tool), ...given };
      const outcome = generateLocalIcons({
        prompt,
        variantCount: 3,
        colorMode: "dark",
        intent: "refine",
        reference: { tool, params },
      });
      if ("refused" in expected) {
        expect(outcome.status, describeOutcome(outcome)).toBe("refused");
        if (outcome.status === "refused") {
          expect(outcome.reason).toBe(expected.refused);
          expect(outcome.message).toMatch(/\.$/);
        }
        return;
      }
      expect(outcome.status, describeOutcome(outcome)).toBe("ok");
      if (outcome.status !== "ok") return;
      expect(outcome.tool).toBe(expected.tool ?? tool);
      expect(outcome.changes).toEqual(expected.changes);
      for (const variant of outcome.variants) {
        for (const change of expected.changes) expect(variant.params[change.key]).toBe(change.to);
        expect(variant.passed).toBe(true);
      }
      // The geometry changed, not only the numbers.
      const before = drawLocalIcon({
        tool,
        params,
        colorMode: "dark",
        construction: outcome.variants[0]?.construction,
      });
      expect(outcome.variants[0]?.svg).not.toBe(before.svg);
    });
  }

  it("explains a forbidden stroke change and a refinement that changes nothing", () => {
    const reference = { tool: "arc" as const, params: defaultParams("arc") };
    const thicker = generateLocalIcons({
      prompt: "thicker arc",
      variantCount: 1,
      colorMode: "dark",
      intent: "refine",
      reference,
    });
    expect(thicker).toMatchObject({
      status: "refused",
      reason: "forbidden_by_design_system",
      message: STROKE_MESSAGE,
    });
    const vague = generateLocalIcons({
      prompt: "more zing",
      variantCount: 1,
      colorMode: "dark",
      intent: "refine",
      reference,
    });
    expect(vague).toMatchObject({ status: "refused", reason: "no_change" });
    if (vague.status === "refused") expect(vague.message).toContain('"zing"');
  });

  it("refines from the reference SVG alone, starting at the defaults of the tool its title names", () => {
    const svg = drawLocalIcon({ tool: "polygon", params: {}, colorMode: "dark" }).svg;
    const outcome = generateLocalIcons({
      prompt: "more sides",
      variantCount: 2,
      colorMode: "dark",
      intent: "refine",
      referenceSvg: svg,
    });
    expect(outcome).toMatchObject({
      status: "ok",
      tool: "polygon",
      changes: [{ key: "sides", from: 6, to: 7 }],
    });
  });

  it("keeps the reference's construction first", () => {
    const outcome = generateLocalIcons({
      prompt: "larger",
      variantCount: 2,
      colorMode: "dark",
      intent: "refine",
      reference: { tool: "arc", params: defaultParams("arc"), construction: "tangent" },
    });
    expect(outcome.status === "ok" && outcome.variants.map((v) => v.construction)).toEqual([
      "tangent",
      "three points",
    ]);
  });
});
