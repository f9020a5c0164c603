import { describe, expect, it } from "vitest";
import { describeDesignSystem } from "./design-brief";
import { PALETTES } from "./design-system";

describe("describeDesignSystem", () => {
  it("states the canvas, layers, tool types and the palette of the colour mode", () => {
    const dark = describeDesignSystem("dark");
    expect(dark).toContain('viewBox="0 0 32 32"');
    expect(dark).toContain("[4, 28]");
    expect(dark).toContain('<g id="Guide">: stroke-width 0.25 stroke-dasharray="2 1"');
    expect(dark).toContain('<g id="Primary">: stroke-width 1 stroke-linecap="round" stroke-linejoin="round"');
    expect(dark).toContain("ANALYSIS: Context + Grips");
    expect(dark).toContain("M 4,28 Q 4,4 16,4 Q 28,4 28,28");
    expect(dark).toContain(PALETTES.dark.primary);
    const light = describeDesignSystem("light");
    expect(light).toContain(PALETTES.light.primary);
    expect(light).not.toContain(PALETTES.dark.primary);
  });
});
