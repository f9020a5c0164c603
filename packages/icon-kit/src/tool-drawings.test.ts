import { DOMParser, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { checkSvg } from "./design-check";
import { COLOR_MODES, LAYER_ORDER } from "./design-system";
import { drawLocalIcon, generateLocalIcons } from "./local-engine";
import { TOOL_CONSTRUCTIONS, TOOL_IDS, TOOL_LABELS, TOOL_TYPE_OF, type ToolId } from "./tool-catalog";
import { defaultParams, TOOL_PARAMETERS } from "./tool-parameters";
import { readPrompt } from "./vocabulary";

/** What an icon shows, ignoring where: per layer, each element's tag (and a path's commands), plus the grip count. */
function structure(svg: string): string {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  return LAYER_ORDER.map((layer) => {
    const group = doc.getElementById(layer);
    const parts = Array.from(group?.getElementsByTagName("*") ?? []).map((el: Element) =>
      el.localName === "path"
        ? `path(${(el.getAttribute("d") ?? "").replace(/[^A-Za-z]/g, "")})`
        : el.localName,
    );
    return `${layer}:${layer === "Grips" ? parts.length : parts.join(",")}`;
  }).join(" | ");
}

const draw = (tool: ToolId, params: Record<string, number>, construction: string) =>
  drawLocalIcon({ tool, params, colorMode: "dark", construction });

describe("every tool's drawing", () => {
  for (const tool of TOOL_IDS) {
    it(`${tool}: three constructions, dark and light, pass the checker and differ in what they show`, () => {
      for (const colorMode of COLOR_MODES) {
        for (const construction of TOOL_CONSTRUCTIONS[tool]) {
          const icon = drawLocalIcon({ tool, params: {}, colorMode, construction });
          expect(icon.construction).toBe(construction);
          expect(
            checkSvg(icon.svg, { toolType: TOOL_TYPE_OF[tool] }).findings,
            `${construction}\n${icon.svg}`,
          ).toEqual([]);
        }
      }
      const shapes = TOOL_CONSTRUCTIONS[tool].map((construction) =>
        structure(draw(tool, {}, construction).svg),
      );
      expect(new Set(shapes).size, shapes.join("\n")).toBe(3);
    });

    it(`${tool}: stays valid at every parameter's limits, and each parameter changes the drawing`, () => {
      const defaults = defaultParams(tool);
      for (const construction of TOOL_CONSTRUCTIONS[tool]) {
        const base = draw(tool, defaults, construction).svg;
        for (const spec of TOOL_PARAMETERS[tool]) {
          for (const value of [spec.min, spec.max]) {
            const svg = draw(tool, { ...defaults, [spec.key]: value }, construction).svg;
            expect(
              checkSvg(svg, { toolType: TOOL_TYPE_OF[tool] }).findings,
              `${construction} ${spec.key}=${value}\n${svg}`,
            ).toEqual([]);
          }
        }
        for (const spec of TOOL_PARAMETERS[tool]) {
          const other = defaults[spec.key] === spec.max ? spec.min : spec.max;
          expect(draw(tool, { ...defaults, [spec.key]: other }, construction).svg, `${spec.key}`).not.toBe(
            base,
          );
        }
      }
    });
  }

  it("every variant redraws exactly from its params and construction", () => {
    for (const tool of TOOL_IDS) {
      const outcome = generateLocalIcons({
        prompt: TOOL_LABELS[tool],
        variantCount: 8,
        colorMode: "light",
        intent: "create",
      });
      expect(outcome.status, tool).toBe("ok");
      if (outcome.status !== "ok") continue;
      expect(outcome.tool).toBe(tool);
      expect(new Set(outcome.variants.map((v) => v.svg)).size).toBe(8);
      for (const variant of outcome.variants) {
        const again = drawLocalIcon({
          tool,
          params: variant.params,
          colorMode: "light",
          construction: variant.construction,
        });
        expect(again.svg).toBe(variant.svg);
        expect(variant.passed).toBe(true);
      }
    }
  });

  it("names its tool in the <title>, so a refinement from the SVG alone finds it again", () => {
    for (const tool of TOOL_IDS) {
      for (const construction of TOOL_CONSTRUCTIONS[tool]) {
        const svg = drawLocalIcon({ tool, params: {}, colorMode: "dark", construction }).svg;
        const title = svg.match(/<title>([^<]*)<\/title>/)?.[1] ?? "";
        expect(readPrompt(title).tool, title).toBe(tool);
      }
    }
  });

  it("clamps parameters out of range to the spec", () => {
    const low = drawLocalIcon({ tool: "polygon", params: { sides: 1 }, colorMode: "dark" });
    const high = drawLocalIcon({ tool: "polygon", params: { sides: 99 }, colorMode: "dark" });
    expect(low.params.sides).toBe(3);
    expect(high.params.sides).toBe(12);
    expect(low.svg).toBe(drawLocalIcon({ tool: "polygon", params: { sides: 3 }, colorMode: "dark" }).svg);
  });
});
