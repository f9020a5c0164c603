import { DOMParser, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { boundsOf, distanceToPolylines, elementPolylines, samplePath } from "./svg-geometry";

function shape(markup: string, tag: string): Element {
  const doc = new DOMParser().parseFromString(
    `<svg xmlns="http://www.w3.org/2000/svg">${markup}</svg>`,
    "image/svg+xml",
  );
  const el = doc.getElementsByTagName(tag)[0];
  if (!el) throw new Error(`no <${tag}>`);
  return el;
}

const round = (b: ReturnType<typeof boundsOf>) =>
  b && Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round(v * 100) / 100]));

describe("svg geometry", () => {
  it("bounds arcs by the curve, not the end points", () => {
    expect(round(boundsOf(samplePath("M 4,16 A 12,12 0 0 1 28,16")))).toEqual({
      minX: 4,
      minY: 4,
      maxX: 28,
      maxY: 16,
    });
    expect(round(boundsOf(samplePath("M 4,16 A 12,12 0 0 0 28,16")))).toEqual({
      minX: 4,
      minY: 16,
      maxX: 28,
      maxY: 28,
    });
  });

  it("handles relative and shorthand commands", () => {
    const b = boundsOf(samplePath("m 4,16 q 6,-12 12,0 t 12,0 h -2 v 4 z"));
    expect(round(b)).toEqual({ minX: 4, minY: 10, maxX: 28, maxY: 22 });
    expect(samplePath("M 1,1 L 2,2 M 5,5 L 6,6")).toHaveLength(2);
  });

  it("applies element and ancestor transforms", () => {
    const el = shape(
      '<g transform="translate(10 0)"><rect x="0" y="0" width="2" height="2" transform="scale(2)"/></g>',
      "rect",
    );
    expect(round(boundsOf(elementPolylines(el)))).toEqual({ minX: 10, minY: 0, maxX: 14, maxY: 4 });
  });

  it("measures distance to circles, polygons and lines", () => {
    const circle = elementPolylines(shape('<circle cx="16" cy="16" r="10"/>', "circle"));
    expect(distanceToPolylines({ x: 26, y: 16 }, circle)).toBeLessThan(0.05);
    expect(distanceToPolylines({ x: 16, y: 16 }, circle)).toBeCloseTo(10, 1);
    const polygon = elementPolylines(shape('<polygon points="4,4 28,4 16,28"/>', "polygon"));
    expect(distanceToPolylines({ x: 10, y: 16 }, polygon)).toBeLessThan(0.01);
    const line = elementPolylines(shape('<line x1="4" y1="4" x2="28" y2="28"/>', "line"));
    expect(distanceToPolylines({ x: 4, y: 28 }, line)).toBeCloseTo(Math.hypot(12, 12), 5);
  });
});
