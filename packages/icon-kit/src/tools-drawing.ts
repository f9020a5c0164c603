/**
 * DRAWING tool builders (Guide + Primary + Grips): line, polyline, arc, circle, ellipse,
 * rectangle, polygon, curve, and the generic fallback. Browser-safe.
 *
 * Public API: `DRAWING_BUILDERS` — tool id → `(params) => IconSpec`. Variant 0 (canonical
 * params) is the textbook drawing; the 3-point arc's canonical form is PRODUCT.md's Arch example.
 */

import { P } from "./geometry-helpers";
import type { IconSpec, PathSeg } from "./icon-spec";
import type { Point } from "./svg-geometry";
import { type Params, seededBuilders } from "./variant-params";

function line(v: Params): IconSpec {
  const a = P(v.pick(4, 10, 6), v.pick(20, 28, 26));
  const b = P(v.pick(22, 28, 26), v.pick(4, 12, 6));
  return {
    title: "Line",
    guide: [
      { kind: "line", a: P(4, a.y), b: P(28, a.y) },
      { kind: "line", a: P(b.x, 4), b: P(b.x, 28) },
    ],
    primary: [{ kind: "line", a, b }],
    grips: [a, b],
  };
}

function polyline(v: Params): IconSpec {
  const n = v.int(3, 5, 4);
  const x0 = v.pick(4, 7, 5);
  const x1 = v.pick(25, 28, 27);
  const low = v.pick(20, 26, 24);
  const high = v.pick(6, 12, 8);
  const pts = Array.from({ length: n }, (_, i) =>
    P(x0 + ((x1 - x0) * i) / (n - 1), i % 2 === 0 ? low : high),
  );
  return {
    title: "Polyline",
    guide: [{ kind: "line", a: P(4, low), b: P(28, low) }],
    primary: [{ kind: "polyline", pts }],
    grips: pts,
  };
}

/** Two quadratic segments meeting at the apex, so the curve passes through all three grips. */
function arc(v: Params): IconSpec {
  const base = v.pick(22, 28, 28);
  const half = v.pick(7, 12, 12);
  const apexY = v.pick(4, base - 10, 4);
  const cx = 16;
  const left = P(cx - half, base);
  const apex = P(cx, apexY);
  const right = P(cx + half, base);
  const segs: PathSeg[] = [
    { c: "M", p: left },
    { c: "Q", k: P(left.x, apexY), p: apex },
    { c: "Q", k: P(right.x, apexY), p: right },
  ];
  return {
    title: "Arc through three points",
    guide: [
      { kind: "line", a: P(4, base), b: P(28, base) },
      { kind: "line", a: P(cx, apexY), b: P(cx, 28) },
    ],
    primary: [{ kind: "path", segs }],
    grips: [left, apex, right],
  };
}

function circle(v: Params): IconSpec {
  const r = v.pick(6, 11, 10);
  const c = P(v.pick(4 + r, 28 - r, 16), v.pick(4 + r, 28 - r, 16));
  const angle = (v.int(0, 7, 0) * Math.PI) / 4;
  const rim = P(c.x + r * Math.cos(angle), c.y - r * Math.sin(angle));
  return {
    title: "Circle from centre and radius",
    guide: [
      { kind: "line", a: P(c.x - r, c.y), b: P(c.x + r, c.y) },
      { kind: "line", a: P(c.x, c.y - r), b: P(c.x, c.y + r) },
    ],
    primary: [{ kind: "circle", c, r }],
    grips: [c, rim],
  };
}

function ellipse(v: Params): IconSpec {
  const rx = v.pick(8, 12, 12);
  const ry = v.pick(4, rx - 2, 7);
  const c = P(16, v.pick(4 + ry, 28 - ry, 16));
  return {
    title: "Ellipse from centre and axes",
    guide: [
      { kind: "line", a: P(c.x - rx, c.y), b: P(c.x + rx, c.y) },
      { kind: "line", a: P(c.x, c.y - ry), b: P(c.x, c.y + ry) },
    ],
    primary: [{ kind: "ellipse", c, rx, ry }],
    grips: [c, P(c.x + rx, c.y), P(c.x, c.y - ry)],
  };
}

function rectangle(v: Params): IconSpec {
  const a = P(v.pick(4, 9, 6), v.pick(4, 10, 8));
  const b = P(v.pick(a.x + 10, 28, 26), v.pick(a.y + 8, 28, 24));
  return {
    title: "Rectangle from two corners",
    guide: [{ kind: "line", a, b }],
    primary: [{ kind: "rect", a, b }],
    grips: [a, b],
  };
}

function polygon(v: Params): IconSpec {
  const sides = v.int(3, 8, 6);
  const r = v.pick(8, 12, 12);
  const c = P(16, 16);
  const turn = v.pick(0, 1, 0) * (Math.PI / sides);
  const pts = Array.from({ length: sides }, (_, i) => {
    const t = turn + (2 * Math.PI * i) / sides - Math.PI / 2;
    return P(c.x + r * Math.cos(t), c.y + r * Math.sin(t));
  });
  const first = pts[0] ?? c;
  return {
    title: `Polygon (${sides} sides)`,
    guide: [
      { kind: "circle", c, r },
      { kind: "line", a: c, b: first },
    ],
    primary: [{ kind: "polygon", pts }],
    grips: [c, first],
  };
}

/** Catmull-Rom through the points, written as cubic Béziers: the curve passes through every grip. */
export function throughPoints(pts: readonly Point[]): PathSeg[] {
  const first = pts[0];
  if (!first) return [];
  const segs: PathSeg[] = [{ c: "M", p: first }];
  for (let i = 0; i + 1 < pts.length; i++) {
    const p0 = pts[i - 1] ?? pts[i] ?? first;
    const p1 = pts[i] ?? first;
    const p2 = pts[i + 1] ?? p1;
    const p3 = pts[i + 2] ?? p2;
    segs.push({
      c: "C",
      k1: P(p1.x + (p2.x - p0.x) / 6, p1.y + (p2.y - p0.y) / 6),
      k2: P(p2.x - (p3.x - p1.x) / 6, p2.y - (p3.y - p1.y) / 6),
      p: p2,
    });
  }
  return segs;
}

function curve(v: Params): IconSpec {
  const pts = [
    P(v.pick(4, 7, 5), v.pick(18, 24, 22)),
    P(v.pick(10, 13, 11), v.pick(7, 12, 9)),
    P(v.pick(18, 21, 20), v.pick(20, 25, 23)),
    P(v.pick(25, 28, 27), v.pick(7, 12, 10)),
  ];
  return {
    title: "Interpolated curve",
    guide: [{ kind: "polyline", pts }],
    primary: [{ kind: "path", segs: throughPoints(pts) }],
    grips: pts,
  };
}

function generic(v: Params): IconSpec {
  const a = P(v.pick(4, 8, 6), v.pick(20, 26, 24));
  const m = P(v.pick(12, 20, 16), v.pick(6, 12, 8));
  const b = P(v.pick(24, 28, 26), v.pick(18, 26, 22));
  return {
    title: "Generic tool",
    guide: [
      { kind: "line", a: P(4, 28), b: P(28, 28) },
      { kind: "line", a: m, b: P(m.x, 28) },
    ],
    primary: [{ kind: "path", segs: throughPoints([a, m, b]) }],
    grips: [a, m, b],
  };
}

export const DRAWING_BUILDERS = seededBuilders({
  line,
  polyline,
  arc,
  circle,
  ellipse,
  rectangle,
  polygon,
  curve,
  generic,
});
