/**
 * MODIFICATION builders that transform objects (Context + Primary + Grips): mirror, rotate,
 * scale, move, array. Browser-safe.
 *
 * Public API: `TRANSFORM_BUILDERS` — tool id → `(params) => IconSpec`.
 */
import { P, rotateAbout } from "./geometry-helpers";
import type { IconSpec } from "./icon-spec";
import type { Point } from "./svg-geometry";
import { type Params, seededBuilders } from "./variant-params";

function mirror(v: Params): IconSpec {
  const x = v.pick(14, 18, 16);
  const reach = Math.min(x - 4, 28 - x);
  const shape = [
    P(x - v.pick(2, 4, 3), v.pick(5, 10, 8)),
    P(x - reach, v.pick(12, 17, 14)),
    P(x - v.pick(3, reach - 2, 5), v.pick(20, 27, 24)),
  ];
  return {
    title: "Mirror across an axis",
    context: [
      { kind: "line", a: P(x, 4), b: P(x, 28) },
      { kind: "polygon", pts: shape },
    ],
    primary: [{ kind: "polygon", pts: shape.map((p) => P(2 * x - p.x, p.y)) }],
    grips: [P(x, 6), P(x, 26)],
  };
}

function rotate(v: Params): IconSpec {
  const pivot = P(v.pick(9, 10, 8), v.pick(23, 27, 24));
  const w = v.pick(10, 15, 16);
  const h = v.pick(4, 5, 5);
  const angle = v.int(3, 6, 4) * 10;
  const rect = [pivot, P(pivot.x + w, pivot.y), P(pivot.x + w, pivot.y - h), P(pivot.x, pivot.y - h)];
  const turned = rect.map((p) => rotateAbout(p, pivot, angle));
  const far = rect[1] ?? pivot;
  const farTurned = turned[1] ?? pivot;
  return {
    title: `Rotate by ${angle}°`,
    context: [
      { kind: "polygon", pts: rect },
      {
        kind: "path",
        segs: [
          { c: "M", p: far },
          { c: "A", r: w, large: false, sweep: false, p: farTurned },
        ],
      },
    ],
    primary: [{ kind: "polygon", pts: turned }],
    grips: [pivot, far, farTurned],
  };
}

function square(corner: Point, size: number): Point[] {
  return [
    corner,
    P(corner.x + size, corner.y),
    P(corner.x + size, corner.y - size),
    P(corner.x, corner.y - size),
  ];
}

function scale(v: Params): IconSpec {
  const base = P(v.pick(4, 7, 6), v.pick(25, 28, 26));
  const small = v.pick(5, 9, 8);
  const big = v.pick(small + 7, Math.min(28 - base.x, base.y - 4), 20);
  return {
    title: "Scale from a base point",
    context: [
      { kind: "polygon", pts: square(base, small) },
      { kind: "line", a: base, b: P(base.x + big, base.y - big) },
    ],
    primary: [{ kind: "polygon", pts: square(base, big) }],
    grips: [base, P(base.x + small, base.y - small), P(base.x + big, base.y - big)],
  };
}

function move(v: Params): IconSpec {
  const r = v.pick(3, 5, 4);
  const from = P(v.pick(4 + r, 12, 9), v.pick(20, 28 - r, 23));
  const to = P(v.pick(20, 28 - r, 23), v.pick(4 + r, 12, 9));
  return {
    title: "Move from point to point",
    context: [
      { kind: "circle", c: from, r },
      { kind: "line", a: from, b: to },
    ],
    primary: [{ kind: "circle", c: to, r }],
    grips: [from, to],
  };
}

function array(v: Params): IconSpec {
  const cols = v.int(2, 4, 3);
  const rows = v.int(1, 3, 3);
  const size = v.pick(3, 5, 4);
  const stepX = cols > 1 ? (24 - size) / (cols - 1) : 0;
  const stepY = rows > 1 ? (24 - size) / (rows - 1) : 0;
  const y0 = rows > 1 ? 28 : v.pick(4 + size, 28, 18);
  const cells: Point[][] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) cells.push(square(P(4 + col * stepX, y0 - row * stepY), size));
  }
  const [original = [], ...copies] = cells;
  const last = cells[cells.length - 1] ?? original;
  return {
    title: `Array ${cols}×${rows}`,
    context: [{ kind: "polygon", pts: original }],
    primary: copies.map((pts) => ({ kind: "polygon" as const, pts })),
    grips: [original[2] ?? P(16, 16), last[2] ?? P(16, 16)],
  };
}

export const TRANSFORM_BUILDERS = seededBuilders({ mirror, rotate, scale, move, array });
