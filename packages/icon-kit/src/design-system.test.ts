import { wcagContrast } from "culori";
import { describe, expect, it } from "vitest";
import { CANVAS, COLOR_MODES, LAYER_STYLES, layersForToolType, PALETTES } from "./design-system";

// WCAG 2.1 SC 1.4.11: graphical objects need 3:1 against adjacent colours.
const NON_TEXT = 3;

describe("design system", () => {
  it("keeps the canvas and layer facts of docs/design-system.md#canvas", () => {
    expect(CANVAS.viewBox).toBe("0 0 32 32");
    expect([CANVAS.safeMin, CANVAS.safeMax]).toEqual([4, 28]);
    expect(CANVAS.centre).toEqual({ x: 16, y: 16 });
    expect(LAYER_STYLES.Guide).toEqual({ strokeWidth: 0.25, dashArray: [2, 1] });
    expect(LAYER_STYLES.Context.strokeWidth).toBe(0.5);
    expect(LAYER_STYLES.Primary).toEqual({ strokeWidth: 1, round: true });
    expect(LAYER_STYLES.Grips.strokeWidth).toBe(0.5);
  });

  it("maps tool types to their layers", () => {
    expect(layersForToolType("DRAWING")).toEqual(["Guide", "Primary", "Grips"]);
    expect(layersForToolType("ANALYSIS")).toEqual(["Context", "Grips"]);
    expect(layersForToolType("MODIFICATION")).toEqual(["Context", "Primary", "Grips"]);
  });

  it("has dark and light palettes that really differ", () => {
    const { dark, light } = PALETTES;
    for (const key of ["background", "guide", "context", "primary", "gripStroke"] as const) {
      expect(dark[key], key).not.toBe(light[key]);
    }
    expect(wcagContrast(dark.background, light.background)).toBeGreaterThan(10);
  });

  for (const mode of COLOR_MODES) {
    it(`keeps every ${mode} stroke legible on its background`, () => {
      const p = PALETTES[mode];
      for (const key of ["guide", "context", "primary"] as const) {
        expect(wcagContrast(p[key], p.background), `${mode}.${key}`).toBeGreaterThanOrEqual(NON_TEXT);
      }
      // A grip reads if its outline stands out from the fill and the grip from the background.
      expect(wcagContrast(p.gripStroke, p.gripFill)).toBeGreaterThanOrEqual(7);
      const gripVsBackground = Math.max(
        wcagContrast(p.gripFill, p.background),
        wcagContrast(p.gripStroke, p.background),
      );
      expect(gripVsBackground).toBeGreaterThanOrEqual(NON_TEXT);
      // Primary geometry must stand out from the context it modifies.
      expect(p.primary).not.toBe(p.context);
    });
  }
});
