import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { checkSvg } from "./design-check";
import { PALETTES } from "./design-system";
import { generateLocalIcons, type LocalEngineInput, LocalEngineInputError } from "./local-engine";
import { TOOL_TYPE_OF } from "./vocabulary";

/** Each vocabulary word of PRODUCT.md, as a user might type it, and the tool it must give. */
const VOCABULARY: readonly [string, keyof typeof TOOL_TYPE_OF][] = [
  ["line", "line"],
  ["polyline", "polyline"],
  ["arc through three points", "arc"],
  ["circle", "circle"],
  ["ellipse", "ellipse"],
  ["rectangle", "rectangle"],
  ["polygon", "polygon"],
  ["curve", "curve"],
  ["spline", "curve"],
  ["offset curve", "offset"],
  ["fillet", "fillet"],
  ["chamfer", "chamfer"],
  ["trim", "trim"],
  ["extend", "extend"],
  ["split", "split"],
  ["join", "join"],
  ["mirror", "mirror"],
  ["rotate", "rotate"],
  ["scale", "scale"],
  ["move", "move"],
  ["array", "array"],
  ["extrude", "extrude"],
  ["revolve", "revolve"],
  ["loft", "loft"],
  ["sweep", "sweep"],
  ["intersect", "intersect"],
  ["divide", "divide"],
  ["distance", "distance"],
  ["measure angle", "angle"],
  ["area", "area"],
];

const input = (prompt: string, extra: Partial<LocalEngineInput> = {}): LocalEngineInput => ({
  prompt,
  variantCount: 8,
  colorMode: "dark",
  intent: "create",
  ...extra,
});

describe("generateLocalIcons", () => {
  for (const [prompt, tool] of VOCABULARY) {
    it(`draws "${prompt}" as ${tool}: 8 distinct variants that pass the design rules`, () => {
      for (const colorMode of ["dark", "light"] as const) {
        const result = generateLocalIcons(input(prompt, { colorMode }));
        expect(result.tool).toBe(tool);
        expect(result.toolType).toBe(TOOL_TYPE_OF[tool]);
        expect(result.unknown).toEqual([]);
        expect(result.variants).toHaveLength(8);
        expect(new Set(result.variants.map((v) => v.svg)).size).toBe(8);
        for (const variant of result.variants) {
          expect(variant).toMatchObject({ tool, toolType: result.toolType, passed: true });
          const recheck = checkSvg(variant.svg, { toolType: result.toolType });
          expect(recheck.findings, variant.svg).toEqual([]);
          expect(variant.svg).toContain(`stroke="${PALETTES[colorMode].gripStroke}"`);
        }
      }
    });
  }

  it("reproduces PRODUCT.md's Arch worked example as the first variant of a three-point arc", () => {
    const [first] = generateLocalIcons(input("arc through three points", { variantCount: 1 })).variants;
    const doc = new DOMParser().parseFromString(first?.svg ?? "", "image/svg+xml");
    const group = (id: string) => doc.getElementById(id);
    expect(group("Primary")?.getElementsByTagName("path")[0]?.getAttribute("d")).toBe(
      "M 4,28 Q 4,4 16,4 Q 28,4 28,28",
    );
    const lines = Array.from(group("Guide")?.getElementsByTagName("line") ?? []).map((l) =>
      ["x1", "y1", "x2", "y2"].map((a) => Number(l.getAttribute(a))),
    );
    expect(lines).toEqual([
      [4, 28, 28, 28],
      [16, 4, 16, 28],
    ]);
    const rects = Array.from(group("Grips")?.getElementsByTagName("rect") ?? []).map((r) =>
      ["x", "y", "width", "height"].map((a) => Number(r.getAttribute(a))),
    );
    expect(rects).toEqual([
      [3, 27, 2, 2],
      [15, 3, 2, 2],
      [27, 27, 2, 2],
    ]);
  });

  it("is deterministic and seeds variants from the prompt", () => {
    const a = generateLocalIcons(input("rotate a box"));
    expect(generateLocalIcons(input("rotate a box"))).toEqual(a);
    const b = generateLocalIcons(input("rotate the part"));
    expect(b.variants[0]?.svg).toBe(a.variants[0]?.svg);
    expect(b.variants.slice(1).map((v) => v.svg)).not.toEqual(a.variants.slice(1).map((v) => v.svg));
  });

  it("applies the palette of the colour mode", () => {
    const dark = generateLocalIcons(input("offset", { variantCount: 1 })).variants[0]?.svg ?? "";
    const light =
      generateLocalIcons(input("offset", { variantCount: 1, colorMode: "light" })).variants[0]?.svg ?? "";
    expect(dark).toContain(`stroke="${PALETTES.dark.primary}"`);
    expect(dark).toContain(`stroke="${PALETTES.dark.context}"`);
    expect(light).toContain(`stroke="${PALETTES.light.primary}"`);
    expect(light).not.toContain(PALETTES.dark.primary);
    expect(light.replace(/"#[0-9a-f]{6}"/g, "")).toBe(dark.replace(/"#[0-9a-f]{6}"/g, ""));
  });

  it("falls back to a generic icon and says which words it did not understand", () => {
    const result = generateLocalIcons(input("frobnicate the widget thoroughly", { variantCount: 3 }));
    expect(result.tool).toBe("generic");
    expect(result.unknown).toEqual(["frobnicate", "widget", "thoroughly"]);
    expect(result.understood).toEqual([]);
    expect(result.variants.every((v) => v.passed)).toBe(true);
    const mixed = generateLocalIcons(input("Offset curves inwards", { variantCount: 1 }));
    expect(mixed).toMatchObject({ tool: "offset", understood: ["offset", "curves"], unknown: ["inwards"] });
    expect(generateLocalIcons(input("", { variantCount: 1 })).tool).toBe("generic");
  });

  it("refines the referenced tool when the prompt names none, away from the canonical drawing", () => {
    const mirror = generateLocalIcons(input("mirror", { variantCount: 1 })).variants[0]?.svg ?? "";
    const refined = generateLocalIcons(
      input("make it a bit wider", { intent: "refine", referenceSvg: mirror, variantCount: 2 }),
    );
    expect(refined.tool).toBe("mirror");
    expect(refined.variants[0]?.svg).not.toBe(mirror);
    expect(refined.variants.every((v) => v.passed)).toBe(true);
  });

  it("rejects bad input naming the field", () => {
    const bad: [Partial<LocalEngineInput>, string][] = [
      [{ variantCount: 0 }, "variantCount"],
      [{ variantCount: 9 }, "variantCount"],
      [{ variantCount: 1.5 }, "variantCount"],
      [{ colorMode: "blue" as "dark" }, "colorMode"],
      [{ intent: "destroy" as "create" }, "intent"],
      [{ prompt: "x".repeat(2001) }, "prompt"],
      [{ referenceSvg: "x".repeat(256 * 1024 + 1) }, "referenceSvg"],
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
