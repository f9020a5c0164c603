import { describe, expect, it } from "vitest";
import { checkSvg, type DesignRule } from "./design-check";
import { paletteFor } from "./design-system";
import { repairSvg } from "./repair";

const GUIDE = `<g id="Guide" fill="none" stroke="#8e8e96" stroke-width="0.25" stroke-dasharray="2 1"><line x1="4" y1="26" x2="28" y2="26"/></g>`;
const PRIMARY = `<g id="Primary" fill="none" stroke="#5cc8ff" stroke-width="1" stroke-linecap="round" stroke-linejoin="round"><line x1="6" y1="26" x2="26" y2="6"/></g>`;
const grips = (...centres: [number, number][]) =>
  `<g id="Grips" fill="#ffffff" stroke="#0b0b0d" stroke-width="0.5">${centres
    .map(([x, y]) => `<rect x="${x - 1}" y="${y - 1}" width="2" height="2"/>`)
    .join("")}</g>`;
const svg = (body: string, viewBox = "0 0 32 32") =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}">${body}</svg>`;
const GOOD = svg(GUIDE + PRIMARY + grips([6, 26], [26, 6]));

const errors = (text: string): DesignRule[] => [
  ...new Set(
    checkSvg(text, { toolType: "DRAWING" })
      .findings.filter((f) => f.severity === "error")
      .map((f) => f.rule),
  ),
];
const elementCount = (text: string) => (text.match(/<[a-zA-Z]/g) ?? []).length;
const repair = (text: string) => repairSvg(text, { colorMode: "dark", toolType: "DRAWING" });

describe("repairSvg", () => {
  it("leaves a passing icon untouched", () => {
    expect(errors(GOOD)).toEqual([]);
    expect(repair(GOOD)).toEqual({ svg: GOOD, repairs: [] });
  });

  it("snaps grips that sit a little off their geometry onto it", () => {
    const off = svg(GUIDE + PRIMARY + grips([7.5, 26], [26, 4.8]));
    expect(errors(off)).toEqual(["grip-on-geometry"]);
    const { svg: fixed, repairs } = repair(off);
    expect(repairs).toEqual([expect.stringMatching(/Snapped 2 grip/)]);
    expect(errors(fixed)).toEqual([]);
    expect(elementCount(fixed)).toBe(elementCount(off));
  });

  it("does not snap a grip that is far from any geometry", () => {
    const far = svg(GUIDE + PRIMARY + grips([6, 26], [16, 25]));
    const { svg: out, repairs } = repair(far);
    expect(repairs).toEqual([]);
    expect(errors(out)).toContain("grip-on-geometry");
  });

  it("fits a drawing that is on the canvas but outside the safe area, grips moving with it", () => {
    const wide = svg(
      GUIDE.replace('x1="4"', 'x1="2"') +
        PRIMARY.replace('x1="6" y1="26" x2="26" y2="6"', 'x1="2" y1="29" x2="30" y2="3"') +
        grips([2, 29], [30, 3]),
    );
    expect(errors(wide)).toEqual(["bounds"]);
    const { svg: fixed, repairs } = repair(wide);
    expect(repairs).toEqual(["Fitted the drawing into the safe area."]);
    expect(errors(fixed)).toEqual([]);
    // Grips keep the design size: only their position follows the geometry.
    expect(fixed.match(/width="2" height="2"/g)).toHaveLength(2);
  });

  it("does not rescale a drawing made for another canvas", () => {
    const big = svg(
      GUIDE +
        PRIMARY.replace('x1="6" y1="26" x2="26" y2="6"', 'x1="6" y1="60" x2="60" y2="6"') +
        grips([6, 60]),
    );
    const { repairs } = repair(big);
    expect(repairs).not.toContain("Fitted the drawing into the safe area.");
    expect(errors(repair(big).svg)).toContain("bounds");
  });

  it("normalises layer styles: widths, dashes, round caps, grip paint, overrides on children", () => {
    const sloppy = svg(
      '<g id="Guide" fill="none" stroke="#8e8e96" stroke-width="1"><line x1="4" y1="26" x2="28" y2="26"/></g>' +
        '<g id="Primary" fill="none" stroke="#5cc8ff" stroke-width="2"><line x1="6" y1="26" x2="26" y2="6" style="stroke-width:3;stroke-linecap:butt"/></g>' +
        '<g id="Grips" stroke-width="1"><rect x="5" y="25" width="2" height="2" fill="none"/><rect x="25" y="5" width="2" height="2"/></g>',
    );
    expect(errors(sloppy)).toEqual(expect.arrayContaining(["stroke-width", "layer-style", "grip-shape"]));
    const { svg: fixed, repairs } = repair(sloppy);
    expect(repairs).toEqual(["Normalised the layer styles of Guide, Primary, Grips."]);
    expect(errors(fixed)).toEqual([]);
    const palette = paletteFor("dark");
    expect(fixed).toContain(`fill="${palette.gripFill}"`);
    expect(fixed).toContain(`stroke="${palette.gripStroke}"`);
    expect(fixed).not.toContain("stroke-width:3");
  });

  it("gives unstroked geometry the palette's layer colour so it is visible", () => {
    const light = repairSvg(svg(GUIDE + PRIMARY.replace(' stroke="#5cc8ff"', "") + grips([6, 26], [26, 6])), {
      colorMode: "light",
    });
    expect(light.svg).toContain(`stroke="${paletteFor("light").primary}"`);
    expect(errors(light.svg)).toEqual([]);
  });

  it("turns small round or wrongly sized grips into the grip square on the same centre", () => {
    const round = svg(
      GUIDE +
        PRIMARY +
        '<g id="Grips" fill="#ffffff" stroke="#0b0b0d" stroke-width="0.5"><circle cx="6" cy="26" r="1.2"/><rect x="24.5" y="4.5" width="3" height="3"/></g>',
    );
    expect(errors(round)).toContain("grip-shape");
    const { svg: fixed, repairs } = repair(round);
    expect(repairs).toEqual([expect.stringMatching(/Made 2 grip\(s\) 2×2 squares/)]);
    expect(errors(fixed)).toEqual([]);
    expect(elementCount(fixed)).toBe(elementCount(round));
  });

  it.each([
    ["a missing Primary layer", svg(GUIDE + grips([6, 26]))],
    ["an empty Primary layer", svg(`${GUIDE}<g id="Primary" stroke="#5cc8ff"/>${grips([6, 26])}`)],
    ["a foreign viewBox", svg(GUIDE + PRIMARY + grips([6, 26], [26, 6]), "0 0 64 64")],
    ["no grips at all", svg(GUIDE + PRIMARY)],
    ["a duplicated layer", svg(GUIDE + PRIMARY + PRIMARY + grips([6, 26], [26, 6]))],
  ])("never makes a structurally wrong icon pass (%s)", (_what, broken) => {
    const { svg: out } = repair(broken);
    expect(errors(out).length).toBeGreaterThan(0);
    expect(elementCount(out)).toBe(elementCount(broken));
  });

  it("does not delete content: unsafe markup is left for the sanitiser, not hidden by a repair", () => {
    const hostile = svg(
      `<script>alert(1)</script>${GUIDE}${PRIMARY.replace('stroke-width="1"', 'stroke-width="2"')}${grips([6, 26], [26, 6])}`,
    );
    const { svg: out, repairs } = repair(hostile);
    expect(repairs.length).toBeGreaterThan(0);
    expect(out).toContain("<script>alert(1)</script>");
    expect(elementCount(out)).toBe(elementCount(hostile));
  });

  it("does not move geometry or grips that carry transforms", () => {
    const moved = svg(
      GUIDE +
        PRIMARY.replace('<g id="Primary"', '<g id="Primary" transform="translate(-3 0)"') +
        grips([3, 26], [23, 6]),
    );
    const { svg: out } = repair(moved);
    expect(out).toContain('transform="translate(-3 0)"');
    expect(out).toContain('x1="6" y1="26" x2="26" y2="6"');
  });

  it("returns unparseable input unchanged", () => {
    expect(repair("<svg><g></svg>")).toEqual({ svg: "<svg><g></svg>", repairs: [] });
    expect(repair("not svg")).toEqual({ svg: "not svg", repairs: [] });
  });
});
