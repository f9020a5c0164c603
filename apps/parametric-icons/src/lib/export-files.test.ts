// @vitest-environment jsdom

import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { iconSlug, pngDimensions, variantsZip, withPixelSize } from "./export-files";

const variant = (index: number) => ({
  index,
  svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><g id="Primary"><path d="M4 ${4 + index}L28 28"/></g></svg>`,
  toolType: "DRAWING" as const,
  passed: true,
  score: 100,
  findings: [],
});

const icon: Icon = {
  id: "0f0e5b9c-1111",
  prompt: "Arc through 3 points!",
  intent: "create",
  colorMode: "dark",
  engine: "local",
  parentId: null,
  createdAt: "2026-01-01T00:00:00Z",
  variants: [variant(0), variant(1), variant(2)],
};

describe("variantsZip", () => {
  it("holds one SVG per variant with its exact content", () => {
    const entries = unzipSync(variantsZip(icon));
    expect(Object.keys(entries).sort()).toEqual([
      "arc-through-3-points-v1.svg",
      "arc-through-3-points-v2.svg",
      "arc-through-3-points-v3.svg",
    ]);
    expect(strFromU8(entries["arc-through-3-points-v2.svg"]!)).toBe(variant(1).svg);
  });
});

describe("iconSlug", () => {
  it("falls back to the id when the prompt has no letters", () => {
    expect(iconSlug({ prompt: "!!!", id: "abcdef123456" })).toBe("icon-abcdef12");
  });
});

describe("withPixelSize", () => {
  it("sets width and height to the export size and keeps the viewBox", () => {
    for (const size of [32, 512]) {
      const doc = new DOMParser().parseFromString(withPixelSize(variant(0).svg, size), "image/svg+xml");
      const root = doc.documentElement;
      expect([root.getAttribute("width"), root.getAttribute("height")]).toEqual([String(size), String(size)]);
      expect(root.getAttribute("viewBox")).toBe("0 0 32 32");
    }
  });

  it("refuses text that is not SVG", () => {
    expect(() => withPixelSize("<html/>", 64)).toThrow(/could not be read/);
  });
});

describe("pngDimensions", () => {
  it("reads width and height from the IHDR chunk", () => {
    const bytes = new Uint8Array(24);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    new DataView(bytes.buffer).setUint32(16, 256);
    new DataView(bytes.buffer).setUint32(20, 128);
    expect(pngDimensions(bytes)).toEqual({ width: 256, height: 128 });
    expect(() => pngDimensions(new Uint8Array(24))).toThrow(/not a PNG/);
  });
});
