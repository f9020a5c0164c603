import { ICON_LIMITS } from "@parametric-portal/contracts/icons";
import { describe, expect, it } from "vitest";
import { checkSvg } from "./design-check";
import { PALETTES } from "./design-system";
import type { LocalEngineOutcome } from "./engine-contract";
import {
  drawLocalIcon,
  generateLocalIcons,
  type LocalEngineInput,
  LocalEngineInputError,
  MAX_PROMPT_LENGTH,
} from "./local-engine";

const input = (prompt: string, extra: Partial<LocalEngineInput> = {}): LocalEngineInput => ({
  prompt,
  variantCount: 3,
  colorMode: "dark",
  intent: "create",
  ...extra,
});

function ok(outcome: LocalEngineOutcome) {
  if (outcome.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe("generateLocalIcons", () => {
  it("uses the API's prompt length limit", () => {
    expect(MAX_PROMPT_LENGTH).toBe(ICON_LIMITS.promptMaxLength);
  });

  it("draws 8 distinct, valid variants that carry the params and construction that drew them", () => {
    const result = ok(generateLocalIcons(input("hexagon", { variantCount: 8 })));
    expect(result.tool).toBe("polygon");
    expect(new Set(result.variants.map((v) => v.svg)).size).toBe(8);
    for (const variant of result.variants) {
      expect(variant.params.sides).toBe(6);
      expect(checkSvg(variant.svg, { toolType: result.toolType }).findings, variant.svg).toEqual([]);
      const again = drawLocalIcon({
        tool: variant.tool,
        params: variant.params,
        colorMode: "dark",
        construction: variant.construction,
      });
      expect(again.svg).toBe(variant.svg);
    }
  });

  it("answers the prompts users reported with the tool they asked for", () => {
    const union = ok(generateLocalIcons(input("boolean union of two circles")));
    const intersect = ok(generateLocalIcons(input("boolean intersect")));
    expect(union).toMatchObject({ tool: "union", unknown: [] });
    expect(union.understood).toContain("union");
    expect(union.variants[0]?.svg).not.toBe(intersect.variants[0]?.svg);
    expect(ok(generateLocalIcons(input("polar array of 6 holes"))).variants[0]?.params.count).toBe(6);
    expect(ok(generateLocalIcons(input("rotate by 45 degrees"))).variants.map((v) => v.params.angle)).toEqual(
      [45, 45, 45],
    );
    expect(ok(generateLocalIcons(input("radius dimension"))).toolType).toBe("ANALYSIS");
    expect(generateLocalIcons(input("a cat")).status).toBe("not_understood");
    expect(generateLocalIcons(input("make it bold with heavier stroke"))).toMatchObject({
      status: "refused",
      reason: "forbidden_by_design_system",
    });
  });

  it("shows a different construction in each of the first three variants", () => {
    const arc = ok(generateLocalIcons(input("arc")));
    expect(arc.variants.map((v) => v.construction)).toEqual([
      "three points",
      "centre, start, end",
      "tangent",
    ]);
    const grips = arc.variants.map((v) => (v.svg.match(/<rect /g) ?? []).length);
    expect(grips).toEqual([3, 3, 2]);
    expect(arc.variants[1]?.svg).toContain("<polyline");
    expect(arc.variants[0]?.svg).not.toContain("<polyline");
  });

  it("applies the palette of the colour mode", () => {
    const dark = ok(generateLocalIcons(input("offset", { variantCount: 1 }))).variants[0]?.svg ?? "";
    const light =
      ok(generateLocalIcons(input("offset", { variantCount: 1, colorMode: "light" }))).variants[0]?.svg ?? "";
    expect(dark).toContain(`stroke="${PALETTES.dark.primary}"`);
    expect(dark).toContain(`stroke="${PALETTES.dark.context}"`);
    expect(light).toContain(`stroke="${PALETTES.light.primary}"`);
    expect(light).not.toContain(PALETTES.dark.primary);
    expect(light.replace(/"#[0-9a-f]{6}"/g, "")).toBe(dark.replace(/"#[0-9a-f]{6}"/g, ""));
  });

  it("answers not_understood, never a generic icon, for a prompt without a tool", () => {
    const result = generateLocalIcons(input("frobnicate the widget thoroughly"));
    expect(result).toMatchObject({
      status: "not_understood",
      unknown: ["frobnicate", "widget", "thoroughly"],
      understood: [],
    });
    if (result.status !== "not_understood") throw new Error("unreachable");
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.suggestions.length).toBeLessThanOrEqual(3);
    expect(result.message).toMatch(/\.$/);
    expect(generateLocalIcons(input("")).status).toBe("not_understood");
  });

  it("exact params from live controls apply over the prompt's", () => {
    const result = ok(generateLocalIcons(input("hexagon", { params: { sides: 9 } })));
    expect(result.variants.every((v) => v.params.sides === 9)).toBe(true);
  });

  it("rejects malformed input naming the field", () => {
    const bad: [Partial<LocalEngineInput>, string][] = [
      [{ variantCount: 0 }, "variantCount"],
      [{ variantCount: 9 }, "variantCount"],
      [{ variantCount: 1.5 }, "variantCount"],
      [{ colorMode: "blue" as "dark" }, "colorMode"],
      [{ intent: "destroy" as "create" }, "intent"],
      [{ prompt: "x".repeat(MAX_PROMPT_LENGTH + 1) }, "prompt"],
      [{ referenceSvg: "x".repeat(256 * 1024 + 1) }, "referenceSvg"],
      [{ params: { sides: "six" } as unknown as Record<string, number> }, "params"],
      [{ intent: "refine", reference: { tool: "teapot" as "line", params: {} } }, "reference.tool"],
    ];
    for (const [patch, field] of bad) {
      const call = () => generateLocalIcons({ ...input("line"), ...patch });
      expect(call).toThrow(LocalEngineInputError);
      try {
        call();
      } catch (error) {
        expect((error as LocalEngineInputError).field).toBe(field);
      }
    }
  });
});

describe("repeated drawings", () => {
  it("a caller editing its variant does not change the next answer for the same prompt", () => {
    const ask = () =>
      generateLocalIcons({ prompt: "hexagon", variantCount: 2, colorMode: "dark", intent: "create" });
    const first = ask();
    if (first.status !== "ok") throw new Error(`expected ok, got ${first.status}`);
    const pristine = JSON.parse(JSON.stringify(first.variants));
    for (const variant of first.variants) {
      (variant.params as Record<string, number>).sides = 99;
      variant.findings.push({ rule: "layers", severity: "error", message: "edited by the caller" });
    }
    const second = ask();
    if (second.status !== "ok") throw new Error(`expected ok, got ${second.status}`);
    expect(JSON.parse(JSON.stringify(second.variants))).toEqual(pristine);
  });
});
