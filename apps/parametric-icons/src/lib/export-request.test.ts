import type { Asset as Icon, Variant } from "@parametric-portal/contracts/icons";
import {
  COLOR_CHOICES,
  EXPORT_FORMATS,
  OPTICAL_MAX_PIXELS,
  PNG_EXPORT_SIZES,
} from "@parametric-portal/icon-kit/export-options";
import { describe, expect, it } from "vitest";
import {
  COLORS,
  DEFAULT_CHOICES,
  exportIconOf,
  exportName,
  exportRequest,
  FORMATS,
  formatAllowed,
  OPTICAL_MAX,
  SIZES,
} from "./export-request";

const variant = (index: number, extra: Partial<Variant> = {}): Variant => ({
  index,
  svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><g id="Primary"><path d="M4 ${4 + index}L28 28"/></g></svg>`,
  toolType: "MODIFICATION",
  passed: true,
  score: 100,
  findings: [],
  ...extra,
});

const icon = (over: Partial<Icon> = {}): Icon => ({
  id: "0f0e5b9c-1111-4111-8111-111111111111",
  prompt: "polar array of six holes",
  name: null,
  intent: "create",
  colorMode: "light",
  engine: "local",
  parentId: null,
  createdAt: "2026-01-01T00:00:00Z",
  variants: [variant(0), variant(1, { tool: "polarArray", params: { count: 6, radius: 9 } })],
  ...over,
});

describe("the dialog's choices", () => {
  it("offer exactly icon-kit's formats, colour modes and sizes", () => {
    expect(FORMATS).toEqual(EXPORT_FORMATS);
    expect(COLORS).toEqual(COLOR_CHOICES);
    expect(SIZES).toEqual(PNG_EXPORT_SIZES);
    expect(OPTICAL_MAX).toBe(OPTICAL_MAX_PIXELS);
  });

  it("allow SVG and PNG for one icon only", () => {
    expect(FORMATS.filter((f) => formatAllowed(f, 1))).toEqual(FORMATS);
    expect(FORMATS.filter((f) => formatAllowed(f, 3))).toEqual(["sprite", "react", "vue", "zip"]);
  });
});

describe("exportRequest", () => {
  it("asks for optical size only at 24 px or less", () => {
    const at = (size: (typeof SIZES)[number]) =>
      exportRequest({ ...DEFAULT_CHOICES, format: "png", size, optical: true }).optical;
    expect(SIZES.filter(at)).toEqual([16, 20, 24]);
  });

  it("puts the chosen size, alone, into a ZIP", () => {
    const zip = exportRequest({ ...DEFAULT_CHOICES, format: "zip", size: 48, colors: "css-vars" });
    expect(zip).toMatchObject({ format: "zip", sizes: [48], colors: "css-vars", optical: false });
    expect(exportRequest({ ...DEFAULT_CHOICES, format: "sprite" })).not.toHaveProperty("sizes");
  });

  it("passes ids and title through", () => {
    expect(exportRequest({ ...DEFAULT_CHOICES, ids: false, title: false })).toMatchObject({
      ids: false,
      title: false,
    });
  });
});

describe("exportName", () => {
  it("prefers the user's label, then the creating prompt", () => {
    expect(exportName(icon({ name: "  Bolt circle " }), 0)).toBe("Bolt circle");
    expect(exportName(icon(), 1)).toBe("polar array of six holes");
  });

  it("never names a refinement after its instruction", () => {
    const refined = icon({ intent: "refine", prompt: "make it larger", parentId: "p" });
    expect(exportName(refined, 1)).toBe("polar array 6");
    expect(exportName(refined, 0)).toBe("icon");
    expect(exportName({ ...refined, name: "Holes" }, 0)).toBe("Holes");
  });
});

describe("exportIconOf", () => {
  it("carries the variant's SVG, palette, tool and params", () => {
    expect(exportIconOf(icon(), 1)).toEqual({
      name: "polar array of six holes",
      svg: variant(1).svg,
      colorMode: "light",
      toolType: "MODIFICATION",
      tool: "polarArray",
      params: { count: 6, radius: 9 },
    });
    expect(exportIconOf(icon(), 0)).not.toHaveProperty("tool");
  });

  it("says what to do when the variant is missing", () => {
    expect(() => exportIconOf(icon(), 5)).toThrow(/no variant 6; open it again/);
  });
});
