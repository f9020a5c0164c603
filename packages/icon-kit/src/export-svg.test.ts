import { testIcons } from "@parametric-portal/test-support/export-test-icons";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { checkSvg } from "./design-check";
import { PALETTES } from "./design-system";
import { componentName, fileStem, iconExportName, uniqueStems } from "./export-name";
import { ExportInputError } from "./export-options";
import { CSS_VARIABLES } from "./export-paint";
import { exportSvg, svgForRaster } from "./export-svg";
import { TOOL_LABELS } from "./local-engine";

const icons = testIcons();
const PAINT = ["fill", "stroke", "stop-color", "flood-color", "lighting-color", "color"];

/** Every paint value in the document, from attributes and style declarations. */
function paints(svg: string): string[] {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const found: string[] = [];
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    for (const prop of PAINT) {
      const attr = el.getAttribute(prop);
      if (attr) found.push(attr);
    }
    for (const declaration of (el.getAttribute("style") ?? "").split(";")) {
      const [prop, value] = declaration.split(/:(.*)/s).map((s) => s.trim());
      if (prop && value && PAINT.includes(prop)) found.push(value);
    }
  }
  return found;
}

describe("exportSvg", () => {
  it("keeps every icon conformant in every colour mode when ids are kept", () => {
    for (const icon of icons) {
      for (const colors of ["palette", "css-vars", "currentColor"] as const) {
        const out = exportSvg(icon, { colors });
        const result = checkSvg(out, { hollowGrips: colors === "currentColor" });
        expect(
          result.findings.filter((f) => f.severity === "error"),
          `${icon.name} ${colors}`,
        ).toEqual([]);
        if (colors === "palette")
          expect(exportSvg(icon, { ids: false }).length).toBeLessThan(icon.svg.length);
        expect(out).toContain(`<title>${icon.name}</title>`);
      }
    }
  });

  it("prefixes ids with the stem and --, and removes every id without ids", () => {
    const [icon] = icons;
    if (!icon) throw new Error("no icon");
    const kept = exportSvg(icon);
    expect(kept).toContain('id="arc-through-three-points--Primary"');
    const bare = exportSvg(icon, { ids: false, title: false });
    expect(bare).not.toMatch(/\sid="/);
    expect(bare).not.toContain("<title");
    expect(checkSvg(bare).passed).toBe(false);
  });

  it("needs the checker's hollowGrips option for currentColor grips, and only for them", () => {
    const [icon] = icons;
    if (!icon) throw new Error("no icon");
    const strict = checkSvg(exportSvg(icon, { colors: "currentColor" }));
    expect(strict.findings.filter((f) => f.severity === "error").map((f) => f.rule)).toEqual(
      Array(strict.gripCount).fill("grip-shape"),
    );
  });

  it("leaves no fixed colour anywhere in currentColor mode, and hollow grips", () => {
    for (const icon of icons) {
      const found = paints(exportSvg(icon, { colors: "currentColor" }));
      expect(found.length).toBeGreaterThan(0);
      for (const value of found) expect(["currentColor", "none"], `${icon.name}: ${value}`).toContain(value);
      expect(exportSvg(icon, { colors: "currentColor" })).toMatch(/Grips" fill="none"/);
      // Shapes without a fill of their own would otherwise paint black.
      expect(exportSvg(icon, { colors: "currentColor" })).toMatch(/^<svg[^>]* fill="currentColor"/);
    }
  });

  it("uses every --pp-* variable with its palette colour as fallback in css-vars mode", () => {
    const icon = icons.find((i) => i.svg.includes('id="Guide"') && i.colorMode === "dark");
    const context = icons.find((i) => i.svg.includes('id="Context"'));
    if (!icon || !context) throw new Error("the test icons lack a Guide or Context layer");
    const found = [
      ...paints(exportSvg(icon, { colors: "css-vars" })),
      ...paints(exportSvg(context, { colors: "css-vars" })),
    ];
    for (const value of found) expect(value).toMatch(/^var\(--pp-[a-z-]+, #[0-9a-f]{3,6}\)$|^none$/);
    const palette = PALETTES.dark;
    for (const role of ["primary", "guide", "gripFill", "gripStroke"] as const) {
      expect(found).toContain(`var(${CSS_VARIABLES[role]}, ${palette[role]})`);
    }
    const contextPalette = PALETTES[context.colorMode ?? "dark"];
    expect(found).toContain(`var(--pp-context, ${contextPalette.context})`);
    expect(svgForRaster(exportSvg(icon, { colors: "css-vars" }))).not.toContain("var(");
  });

  it("draws for small sizes: the small-size rules pass, the canonical ones do not", () => {
    for (const icon of icons) {
      for (const size of [16, 20, 24]) {
        const out = exportSvg(icon, { opticalSize: size });
        const small = checkSvg(out, { pixelSize: size });
        expect(
          small.findings.filter((f) => f.severity === "error"),
          `${icon.name} @${size}`,
        ).toEqual([]);
        expect(checkSvg(out).passed).toBe(false);
        if (size === 16) expect(out).not.toContain("--Guide");
        if (size === 16 && out.includes("--Primary")) expect(out).toMatch(/Primary"[^>]*stroke-width="2"/);
      }
    }
    const plain = exportSvg(icons[0] ?? icons[1]!, {});
    expect(checkSvg(plain, { pixelSize: 16 }).passed).toBe(false);
  });

  it("rejects a bad option with a message naming it", () => {
    const [icon] = icons;
    if (!icon) throw new Error("no icon");
    expect(() => exportSvg(icon, { opticalSize: 17 })).toThrow(ExportInputError);
    expect(() => exportSvg(icon, { colors: "pink" as "palette" })).toThrow(/colors must be one of/);
  });
});

describe("export names", () => {
  it("makes safe, unique stems and component names", () => {
    expect(fileStem("Arc through three points!")).toBe("arc-through-three-points");
    expect(fileStem("6 lines")).toBe("icon-6-lines");
    expect(fileStem("…")).toBe("icon");
    expect(fileStem("Ünïcode -- name")).toBe("unicode-name");
    expect(uniqueStems(["line", "Line", "line-2", "line"])).toEqual(["line", "line-2", "line-2-2", "line-3"]);
    expect(componentName("polar-array-6")).toBe("PolarArray6Icon");
    expect(iconExportName("polar array", { radius: 10, count: 6 })).toBe("polar array 6");
    expect(iconExportName("offset", { distance: 2 })).toBe("offset");
    const polar = icons[1];
    expect(
      fileStem(iconExportName(TOOL_LABELS[polar?.tool as keyof typeof TOOL_LABELS], polar?.params)),
    ).toBe("polar-array-6");
  });
});

describe("optical size with styles", () => {
  it("scales stroke widths and dashes written in a style attribute too", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<g id="Guide" fill="none" style="stroke:#8e8e96;stroke-width:0.25;stroke-dasharray:2 1"><line x1="4" y1="28" x2="28" y2="28"/></g>
<g id="Primary" fill="none" style="stroke:#5cc8ff;stroke-width:1;stroke-linecap:round;stroke-linejoin:round"><path d="M 4,28 L 28,4"/></g>
<g id="Grips" fill="#ffffff" stroke="#0b0b0d" stroke-width="0.5"><rect x="3" y="27" width="2" height="2"/><rect x="27" y="3" width="2" height="2"/></g>
</svg>`;
    const out = exportSvg({ name: "line", svg }, { opticalSize: 20 });
    expect(checkSvg(out, { pixelSize: 20 }).findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(checkSvg(out).passed).toBe(false);
  });
});
