import { describe, expect, it } from "vitest";
import { checkSvg, type DesignRule } from "./design-check";

const GUIDE = `<g id="Guide" fill="none" stroke="#888" stroke-width="0.25" stroke-dasharray="2 1">
  <line x1="4" y1="28" x2="28" y2="28"/><line x1="16" y1="4" x2="16" y2="28"/></g>`;
const PRIMARY = `<g id="Primary" fill="none" stroke="#09f" stroke-width="1" stroke-linecap="round" stroke-linejoin="round">
  <path d="M 4,28 Q 4,4 16,4 Q 28,4 28,28"/></g>`;
const GRIPS = `<g id="Grips" fill="#fff" stroke="#111" stroke-width="0.5">
  <rect x="3" y="27" width="2" height="2"/><rect x="15" y="3" width="2" height="2"/><rect x="27" y="27" width="2" height="2"/></g>`;

function svg(body: string, viewBox = "0 0 32 32"): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}">${body}</svg>`;
}
const ARCH = svg(GUIDE + PRIMARY + GRIPS);

/** The distinct rules with error findings. */
function rules(text: string, options = {}): DesignRule[] {
  return [
    ...new Set(
      checkSvg(text, options)
        .findings.filter((f) => f.severity === "error")
        .map((f) => f.rule),
    ),
  ];
}

describe("checkSvg", () => {
  it("passes the worked arch example (docs/design-system.md#worked-example-the-arch) with a full score", () => {
    const result = checkSvg(ARCH, { toolType: "DRAWING", gripCount: 3 });
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({ passed: true, score: 100, toolType: "DRAWING", gripCount: 3 });
  });

  it("reports malformed XML as a parse error instead of throwing", () => {
    const result = checkSvg("<svg><g></svg>");
    expect(result.passed).toBe(false);
    expect(result.findings[0]?.rule).toBe("parse");
    expect(result.score).toBeLessThan(100);
  });

  it("catches a wrong viewBox", () => {
    expect(rules(svg(GUIDE + PRIMARY + GRIPS, "0 0 24 24"))).toEqual(["viewBox"]);
  });

  it("catches geometry outside the safe area, including curve and arc bulges", () => {
    const line = PRIMARY.replace("<path", '<line x1="2" y1="16" x2="16" y2="16"/><path');
    expect(rules(svg(GUIDE + line + GRIPS))).toContain("bounds");
    // Endpoints inside, but the cubic bulges above y = 4.
    const cubic = PRIMARY.replace('d="M 4,28', 'd="M 6,10 C 8,-2 24,-2 26,10 M 4,28');
    expect(rules(svg(GUIDE + cubic + GRIPS))).toContain("bounds");
    // A half circle from (6,16) to (26,16) over the top reaches y = 6; with radius 12 it leaves.
    const arc = PRIMARY.replace('d="M 4,28', 'd="M 4,16 A 12,12 0 0 1 28,16 M 4,28');
    expect(rules(svg(GUIDE + arc + GRIPS))).not.toContain("bounds");
    const big = PRIMARY.replace('d="M 4,28', 'd="M 4,16 A 12,14 0 0 1 28,16 M 4,28');
    expect(rules(svg(GUIDE + big + GRIPS))).toContain("bounds");
    const circle = PRIMARY.replace("<path", '<circle cx="16" cy="16" r="13"/><path');
    expect(rules(svg(GUIDE + circle + GRIPS))).toContain("bounds");
    const moved = PRIMARY.replace('<g id="Primary"', '<g id="Primary" transform="translate(2 0)"');
    expect(rules(svg(GUIDE + moved + GRIPS))).toContain("bounds");
  });

  it("catches missing and extra layers for the tool type", () => {
    expect(rules(svg(PRIMARY + GRIPS), { toolType: "DRAWING" })).toEqual(["layers"]);
    const extra = checkSvg(ARCH, { toolType: "MODIFICATION" });
    expect(extra.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(
      expect.arrayContaining(["layers:error", "layers:warning"]),
    );
    expect(rules(svg(GUIDE + PRIMARY))).toContain("grip-count");
    expect(rules(svg(GUIDE + GRIPS))).toContain("layers");
  });

  it("catches wrong stroke widths, dashes and caps per layer, honouring overrides", () => {
    expect(rules(svg(GUIDE + PRIMARY.replace('stroke-width="1"', 'stroke-width="2"') + GRIPS))).toEqual([
      "stroke-width",
    ]);
    const override = PRIMARY.replace("<path", '<path style="stroke-width: 0.5"');
    expect(rules(svg(GUIDE + override + GRIPS))).toEqual(["stroke-width"]);
    expect(rules(svg(GUIDE.replace(' stroke-dasharray="2 1"', "") + PRIMARY + GRIPS))).toEqual([
      "layer-style",
    ]);
    expect(rules(svg(GUIDE + PRIMARY.replace(' stroke-linecap="round"', "") + GRIPS))).toEqual([
      "layer-style",
    ]);
    expect(rules(svg(GUIDE + PRIMARY + GRIPS.replace('stroke-width="0.5"', 'stroke-width="1"')))).toEqual([
      "stroke-width",
    ]);
  });

  it("catches grips that float off the geometry", () => {
    const floating = GRIPS.replace('<rect x="15" y="3"', '<rect x="15" y="9"');
    const result = checkSvg(
      svg(GUIDE.replace('<line x1="16" y1="4" x2="16" y2="28"/>', "") + PRIMARY + floating),
    );
    expect(result.findings.map((f) => f.rule)).toEqual(["grip-on-geometry"]);
    expect(result.findings[0]?.message).toContain("(16, 10)");
  });

  it("accepts a grip on the guide layer and rejects one-segment arcs with a floating control grip", () => {
    // One quadratic from (4,28) to (28,28) with control (16,-20) peaks at y = 4 but a grip on the
    // control point (16,-20) is off the curve and outside the canvas.
    const single = PRIMARY.replace("M 4,28 Q 4,4 16,4 Q 28,4 28,28", "M 4,28 Q 16,12 28,28");
    const result = checkSvg(
      svg(GUIDE.replace('<line x1="16" y1="4" x2="16" y2="28"/>', "") + single + GRIPS),
    );
    expect(result.findings.map((f) => f.rule)).toContain("grip-on-geometry");
  });

  it("does not let hidden or unpainted geometry carry a grip", () => {
    const noAxis = GUIDE.replace('<line x1="16" y1="4" x2="16" y2="28"/>', "");
    const floating = GRIPS.replace('<rect x="15" y="3"', '<rect x="15" y="9"');
    for (const hidden of [
      '<line x1="4" y1="10" x2="28" y2="10" style="display:none"/>',
      '<line x1="4" y1="10" x2="28" y2="10" stroke="none"/>',
      '<line x1="4" y1="10" x2="28" y2="10" opacity="0"/>',
    ]) {
      const body = noAxis + PRIMARY.replace("<path", `${hidden}<path`) + floating;
      expect(rules(svg(body)), hidden).toEqual(["grip-on-geometry"]);
    }
    const shown = noAxis + PRIMARY.replace("<path", '<line x1="4" y1="10" x2="28" y2="10"/><path') + floating;
    expect(rules(svg(shown))).toEqual([]);
  });

  it("checks grip shape and count", () => {
    const round = GRIPS.replace(
      '<rect x="3" y="27" width="2" height="2"/>',
      '<circle cx="4" cy="28" r="1"/>',
    );
    expect(rules(svg(GUIDE + PRIMARY + round))).toEqual(["grip-shape"]);
    const big = GRIPS.replace(
      '<rect x="3" y="27" width="2" height="2"/>',
      '<rect x="2" y="26" width="4" height="4"/>',
    );
    expect(rules(svg(GUIDE + PRIMARY + big))).toEqual(["grip-shape"]);
    const unfilled = GRIPS.replace('fill="#fff"', 'fill="none"');
    expect(rules(svg(GUIDE + PRIMARY + unfilled))).toContain("grip-shape");
    expect(rules(ARCH, { gripCount: 2 })).toEqual(["grip-count"]);
    const many = GRIPS.replace("</g>", `${'<rect x="3" y="27" width="2" height="2"/>'.repeat(7)}</g>`);
    expect(checkSvg(svg(GUIDE + PRIMARY + many)).findings.map((f) => `${f.rule}:${f.severity}`)).toEqual([
      "grip-count:warning",
    ]);
  });

  it("recognises layers whose ids carry a sanitiser prefix and warns about misordered layers", () => {
    const prefixed = ARCH.replace(/id="(\w+)"/g, 'id="v1-$1"');
    expect(checkSvg(prefixed).findings).toEqual([]);
    const misordered = checkSvg(svg(PRIMARY + GUIDE + GRIPS));
    expect(misordered.passed).toBe(true);
    expect(misordered.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(["layers:warning"]);
    expect(misordered.score).toBe(95);
  });
});
