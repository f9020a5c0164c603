/**
 * MODIFICATION builders that edit curves (Context + Primary + Grips): offset, fillet, chamfer,
 * trim, extend, split, join, intersect, divide. Browser-safe.
 *
 * Public API: `EDIT_BUILDERS` — tool id → `(params) => IconSpec`.
 */
import { lerp, P, polar, quadAt, quadNormal, quadPart } from "./geometry-helpers";
import type { IconSpec } from "./icon-spec";
import { type Params, seededBuilders } from "./variant-params";

/** Concentric arcs: the offset of a circular arc is exact. */
function offset(v: Params): IconSpec {
  const cy = v.pick(22, 26, 24);
  const r = v.pick(9, Math.min(12, cy - 4), 12);
  const d = v.pick(2.5, 5, 4);
  const c = P(16, cy);
  const half = (radius: number) => ({
    kind: "path" as const,
    segs: [
      { c: "M" as const, p: P(16 - radius, cy) },
      { c: "A" as const, r: radius, large: false, sweep: true, p: P(16 + radius, cy) },
    ],
  });
  return {
    title: "Offset curve",
    context: [half(r)],
    primary: [half(r - d)],
    grips: [polar(c, r, 135), polar(c, r - d, 45)],
  };
}

function corner(v: Params) {
  const k = P(v.pick(4, 8, 6), v.pick(22, 28, 26));
  const top = v.pick(4, 8, 6);
  const right = v.pick(22, 28, 26);
  const r = v.pick(4, 10, 8);
  return { k, top, right, r, legs: { kind: "polyline" as const, pts: [P(k.x, top), k, P(right, k.y)] } };
}

function fillet(v: Params): IconSpec {
  const { k, top, right, r, legs } = corner(v);
  return {
    title: "Fillet two curves",
    context: [legs],
    primary: [
      {
        kind: "path",
        segs: [
          { c: "M", p: P(k.x, top) },
          { c: "L", p: P(k.x, k.y - r) },
          { c: "A", r, large: false, sweep: false, p: P(k.x + r, k.y) },
          { c: "L", p: P(right, k.y) },
        ],
      },
    ],
    grips: [P(k.x, (top + k.y - r) / 2), P((k.x + r + right) / 2, k.y)],
  };
}

function chamfer(v: Params): IconSpec {
  const { k, top, right, r, legs } = corner(v);
  return {
    title: "Chamfer two curves",
    context: [legs],
    primary: [{ kind: "polyline", pts: [P(k.x, top), P(k.x, k.y - r), P(k.x + r, k.y), P(right, k.y)] }],
    grips: [P(k.x, (top + k.y - r) / 2), P((k.x + r + right) / 2, k.y)],
  };
}

function trim(v: Params): IconSpec {
  const a = P(v.pick(12, 20, 16), 5);
  const b = P(v.pick(12, 20, 16), 27);
  const y = v.pick(10, 22, 16);
  const left = P(v.pick(4, 7, 5), y);
  const right = P(v.pick(25, 28, 27), y);
  const cut = lerp(a, b, (y - a.y) / (b.y - a.y));
  return {
    title: "Trim curve at a cutting edge",
    context: [
      { kind: "line", a, b },
      { kind: "line", a: left, b: right },
    ],
    primary: [{ kind: "line", a: left, b: cut }],
    grips: [lerp(a, b, 0.15), lerp(cut, right, 0.6)],
  };
}

function extend(v: Params): IconSpec {
  const bx = v.pick(22, 27, 24);
  const a = P(v.pick(4, 7, 5), v.pick(16, 27, 24));
  const e = P(bx, v.pick(5, 20, 10));
  const b = lerp(a, e, 0.45);
  return {
    title: "Extend curve to a boundary",
    context: [
      { kind: "line", a: P(bx, 5), b: P(bx, 27) },
      { kind: "line", a, b },
    ],
    primary: [{ kind: "line", a, b: e }],
    grips: [P(bx, e.y > 16 ? 7 : 25), lerp(a, b, 0.85)],
  };
}

function split(v: Params): IconSpec {
  const p0 = P(v.pick(4, 7, 5), v.pick(20, 26, 24));
  const k = P(v.pick(11, 21, 16), v.pick(2, 6, 2));
  const p2 = P(v.pick(25, 28, 27), v.pick(20, 26, 24));
  const at = v.pick(0.4, 0.6, 0.5);
  const s = quadAt(p0, k, p2, at);
  const n = quadNormal(p0, k, p2, at);
  const [a0, ak, a1] = quadPart(p0, k, p2, 0, at - 0.06);
  const [b0, bk, b1] = quadPart(p0, k, p2, at + 0.06, 1);
  return {
    title: "Split curve",
    context: [
      {
        kind: "path",
        segs: [
          { c: "M", p: p0 },
          { c: "Q", k, p: p2 },
        ],
      },
      { kind: "line", a: P(s.x - 5 * n.x, s.y - 5 * n.y), b: P(s.x + 5 * n.x, s.y + 5 * n.y) },
    ],
    primary: [
      {
        kind: "path",
        segs: [
          { c: "M", p: a0 },
          { c: "Q", k: ak, p: a1 },
        ],
      },
      {
        kind: "path",
        segs: [
          { c: "M", p: b0 },
          { c: "Q", k: bk, p: b1 },
        ],
      },
    ],
    grips: [s],
  };
}

function join(v: Params): IconSpec {
  const a = P(v.pick(4, 7, 5), v.pick(8, 16, 10));
  const b = P(v.pick(10, 14, 12), v.pick(20, 26, 24));
  const k = P(v.pick(18, 22, 20), v.pick(4, 10, 6));
  const c = P(v.pick(24, 28, 27), v.pick(18, 26, 22));
  return {
    title: "Join curves",
    context: [
      { kind: "line", a, b },
      {
        kind: "path",
        segs: [
          { c: "M", p: b },
          { c: "Q", k, p: c },
        ],
      },
    ],
    primary: [
      {
        kind: "path",
        segs: [
          { c: "M", p: a },
          { c: "L", p: b },
          { c: "Q", k, p: c },
        ],
      },
    ],
    grips: [lerp(a, b, 0.5), quadAt(b, k, c, 0.6)],
  };
}

/** The lens shared by two equal circles, bounded by one arc of each. */
function intersect(v: Params): IconSpec {
  const r = v.pick(6, 8.5, 8);
  const d = v.pick(2.5, Math.min(4, 12 - r), 4);
  const cy = v.pick(4 + r, 28 - r, 16);
  const h = Math.sqrt(r * r - d * d);
  return {
    title: "Intersect two regions",
    context: [
      { kind: "circle", c: P(16 - d, cy), r },
      { kind: "circle", c: P(16 + d, cy), r },
    ],
    primary: [
      {
        kind: "path",
        segs: [
          { c: "M", p: P(16, cy - h) },
          { c: "A", r, large: false, sweep: true, p: P(16, cy + h) },
          { c: "A", r, large: false, sweep: true, p: P(16, cy - h) },
          { c: "Z" },
        ],
      },
    ],
    grips: [P(16 - d - r, cy), P(16 + d + r, cy)],
  };
}

function divide(v: Params): IconSpec {
  const p0 = P(v.pick(6, 8, 6), v.pick(20, 25, 24));
  const k = P(v.pick(10, 22, 16), v.pick(2, 8, 4));
  const p2 = P(v.pick(24, 26, 26), v.pick(18, 25, 24));
  const parts = v.int(3, 6, 4);
  const ticks = Array.from({ length: parts + 1 }, (_, i) => {
    const t = i / parts;
    const p = quadAt(p0, k, p2, t);
    const n = quadNormal(p0, k, p2, t);
    return {
      kind: "line" as const,
      a: P(p.x - 1.5 * n.x, p.y - 1.5 * n.y),
      b: P(p.x + 1.5 * n.x, p.y + 1.5 * n.y),
    };
  });
  return {
    title: `Divide curve into ${parts} parts`,
    context: [
      {
        kind: "path",
        segs: [
          { c: "M", p: p0 },
          { c: "Q", k, p: p2 },
        ],
      },
    ],
    primary: ticks,
    grips: [quadAt(p0, k, p2, 0.5 / parts)],
  };
}

export const EDIT_BUILDERS = seededBuilders({
  offset,
  fillet,
  chamfer,
  trim,
  extend,
  split,
  join,
  intersect,
  divide,
});
