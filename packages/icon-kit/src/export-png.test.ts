import { testIcons } from "@parametric-portal/test-support/export-test-icons";
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { ExportInputError, PNG_EXPORT_SIZES } from "./export-options";
import { createPngRenderer } from "./export-png";
import { loadResvgWasm } from "./export-png-node";
import { exportSvg, svgForPng } from "./export-svg";

const render = createPngRenderer(loadResvgWasm);
const [icon] = testIcons();
if (!icon) throw new Error("no test icon");

/** Total alpha over all pixels: how much ink the picture has. */
function coverage(png: Uint8Array, size: number): number {
  const image = decode(png);
  expect([image.width, image.height]).toEqual([size, size]);
  expect(image.channels).toBe(4);
  let sum = 0;
  for (let i = 3; i < image.data.length; i += 4) sum += image.data[i] ?? 0;
  return sum;
}

describe("PNG export", () => {
  it("renders every size with the requested dimensions and visible pixels", async () => {
    const svg = exportSvg(icon, { ids: false, title: false });
    for (const size of PNG_EXPORT_SIZES) {
      const png = await render(svg, size);
      const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
      expect([view.getUint32(16), view.getUint32(20)], `IHDR at ${size}`).toEqual([size, size]);
      // At least the ink of a half-pixel line across the image: the drawing is there, not a speck.
      expect(coverage(png, size), `ink at ${size}`).toBeGreaterThan(size * 128);
    }
  });

  it("draws wider strokes and grips at 16 px with the optical size than without", async () => {
    const plain = coverage(await render(exportSvg(icon, {}), 16), 16);
    const optical = coverage(await render(exportSvg(icon, { opticalSize: 16 }), 16), 16);
    expect(optical).toBeGreaterThan(plain * 1.3);
  });

  it("paints css-vars fallbacks exactly like the palette", async () => {
    const palette = decode(await render(exportSvg(icon, { colors: "palette" }), 32)).data;
    const vars = decode(await render(exportSvg(icon, { colors: "css-vars" }), 32)).data;
    expect(Array.from(vars)).toEqual(Array.from(palette));
  });

  it("renders the unoptimised PNG source exactly like the optimised SVG", async () => {
    for (const opticalSize of [undefined, 20]) {
      const options = { colors: "css-vars" as const, ...(opticalSize && { opticalSize }) };
      const direct = decode(await render(svgForPng(icon, options), 48)).data;
      const optimised = decode(await render(exportSvg(icon, options), 48)).data;
      expect(Array.from(direct)).toEqual(Array.from(optimised));
    }
  });

  it("rejects a size outside the list", async () => {
    await expect(render(exportSvg(icon), 30)).rejects.toThrow(ExportInputError);
    await expect(render(exportSvg(icon), 30)).rejects.toThrow(/size must be one of 16, 20, 24/);
  });
});
