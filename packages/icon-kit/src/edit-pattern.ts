/**
 * MODIFICATION builders that repeat or fill (Context + Primary + Grips): rectangular, polar
 * and path arrays, and hatch. Context is the original item or boundary, Primary the result.
 * Browser-safe.
 */
import type { Builder } from "./builder-types";
import { P, polar, quadAt } from "./geometry-helpers";
import type { Shape } from "./icon-spec";
import { arc, box, C, closed, hatchLines, path, regular, ring, seg } from "./shape-helpers";
import type { Point } from "./svg-geometry";

const array: Builder = (k, c) => {
  const rows = k("rows");
  const cols = k("columns");
  const cell = Math.min(5, 20 / Math.max(rows, cols));
  const stepX = (24 - cell) / Math.max(1, cols - 1);
  const stepY = rows > 1 ? (24 - cell) / (rows - 1) : 0;
  const y0 = rows > 1 ? 28 : 16 + cell / 2;
  const cells: Point[] = [];
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++) cells.push(P(4 + col * stepX, y0 - row * stepY));
  const sq = (p: Point): Shape => box(p, P(p.x + cell, p.y - cell));
  const [first = P(4, 28), ...rest] = cells;
  const last = cells[cells.length - 1] ?? first;
  const tip = P(last.x + cell, last.y - cell);
  const context: Shape[] = [sq(first)];
  if (c === 1)
    context.push(seg(P(first.x + cell, first.y - cell / 2), P(first.x + stepX, first.y - cell / 2)));
  if (c === 2) context.push(seg(first, tip));
  return {
    title: `Rectangular array ${rows} × ${cols}`,
    context,
    primary: rest.map(sq),
    grips:
      c === 1
        ? [P(first.x + cell, first.y - cell), P(first.x + stepX, first.y - cell / 2)]
        : c === 2
          ? [first, last, tip]
          : [first, tip],
  };
};

const polarArray: Builder = (k, c) => {
  const n = k("count");
  const fill = c === 1 ? 180 : 360;
  const pitch = 9;
  const item = Math.min(2.5, ((2 * Math.PI * pitch * (fill / 360)) / n) * 0.35);
  const angles = Array.from(
    { length: n },
    (_, i) => 90 + (fill === 360 ? (360 * i) / n : (180 * i) / Math.max(1, n - 1)),
  );
  const centres = angles.map((a) => polar(C, pitch, a));
  const itemShape = (p: Point, a: number): Shape =>
    c === 2 ? closed(regular(p, item * 1.2, 4, a + 45)) : ring(p, item);
  const [first = polar(C, pitch, 90), ...rest] = centres;
  const cross = [seg(P(14, 16), P(18, 16)), seg(P(16, 14), P(16, 18))];
  const context: Shape[] = [itemShape(first, 90), ...cross];
  if (c === 1) context.push(arc(C, pitch, 90, 270));
  return {
    title: `Polar array of ${n}${fill === 360 ? "" : ` over ${fill}°`}`,
    context,
    primary: rest.map((p, i) => itemShape(p, angles[i + 1] ?? 90)),
    grips: [C, c === 2 ? polar(first, item * 1.2, 135) : polar(first, item, 90)],
  };
};

const pathArray: Builder = (k, c) => {
  const n = k("count");
  const p0 = P(7, 24);
  const ctrl = P(16, 0);
  const p2 = P(25, 24);
  const reach = c === 1 ? 0.8 : 1;
  const ts = Array.from({ length: n }, (_, i) => (reach * i) / Math.max(1, n - 1));
  const items = ts.map((t) => quadAt(p0, ctrl, p2, t));
  const shape = (p: Point): Shape => (c === 2 ? closed(regular(p, 2.2, 3, 90)) : ring(p, 1.8));
  const [first = p0, ...rest] = items;
  return {
    title: `Array of ${n} along a path`,
    context: [
      path([
        { c: "M", p: p0 },
        { c: "Q", k: ctrl, p: p2 },
      ]),
      shape(first),
    ],
    primary: rest.map(shape),
    grips: c === 1 ? [p0, items[1] ?? p2, p2] : [p0, p2],
  };
};

const hatch: Builder = (k, c) => {
  const spacing = k("spacing");
  const angle = k("angle");
  if (c === 1) {
    const boundary = regular(C, 11, 48, 0);
    return {
      title: "Hatch a circle",
      context: [ring(C, 11)],
      primary: hatchLines(boundary, spacing, angle),
      grips: [polar(C, 11, 135)],
    };
  }
  if (c === 2) {
    const boundary = regular(C, 12, 5, 90);
    return {
      title: "Hatch a closed polygon",
      context: [closed(boundary)],
      primary: hatchLines(boundary, spacing, angle),
      grips: boundary.slice(0, 2),
    };
  }
  const boundary = [P(5, 7), P(27, 7), P(27, 25), P(5, 25)];
  const lines = hatchLines(boundary, spacing, angle);
  const centre = lines[Math.floor(lines.length / 2)];
  const pick =
    centre && centre.kind === "line" ? P((centre.a.x + centre.b.x) / 2, (centre.a.y + centre.b.y) / 2) : C;
  return { title: "Hatch a closed area", context: [box(P(5, 7), P(27, 25))], primary: lines, grips: [pick] };
};

export const PATTERN_BUILDERS = { array, polarArray, pathArray, hatch } as const;
