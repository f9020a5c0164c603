/**
 * MODIFICATION builders that make surfaces from curves (Context + Primary + Grips): extrude,
 * revolve, loft, sweep. Drawn as simple axonometric outlines. Browser-safe.
 *
 * Public API: `SOLID_BUILDERS` — tool id → `(params) => IconSpec`.
 */
import { P, polar } from "./geometry-helpers";
import type { IconSpec } from "./icon-spec";
import { throughPoints } from "./tools-drawing";
import { type Params, seededBuilders } from "./variant-params";

function extrude(v: Params): IconSpec {
  const bottom = v.pick(22, 24, 24);
  const height = v.pick(10, bottom - 8, 14);
  const top = bottom - height;
  if (v.int(0, 1, 0) === 0) {
    const rx = v.pick(7, 11, 9);
    const ry = v.pick(2, 3.5, 3);
    return {
      title: "Extrude a closed curve",
      context: [{ kind: "ellipse", c: P(16, bottom), rx, ry }],
      primary: [
        { kind: "ellipse", c: P(16, top), rx, ry },
        { kind: "line", a: P(16 - rx, top), b: P(16 - rx, bottom) },
        { kind: "line", a: P(16 + rx, top), b: P(16 + rx, bottom) },
      ],
      grips: [P(16, bottom + ry), P(16 + rx, top)],
    };
  }
  const skew = v.pick(4, 7, 6);
  const base = [P(5, bottom), P(27 - skew, bottom), P(27, bottom - 4), P(5 + skew, bottom - 4)];
  const lid = base.map((p) => P(p.x, p.y - height + 4));
  return {
    title: "Extrude a closed curve",
    context: [{ kind: "polygon", pts: base }],
    primary: [
      { kind: "polygon", pts: lid },
      ...base.map((p, i) => ({ kind: "line" as const, a: p, b: lid[i] ?? p })),
    ],
    grips: [base[1] ?? P(16, 16), lid[1] ?? P(16, 16)],
  };
}

function revolve(v: Params): IconSpec {
  const top = v.pick(6, 10, 8);
  const bottom = v.pick(22, 24, 24);
  const a = v.pick(3, 7, 5);
  const b = v.pick(4, 8, 7);
  const bulge = v.pick(9, 12, 12);
  const mid = (top + bottom) / 2;
  const side = (s: 1 | -1) => ({
    kind: "path" as const,
    segs: [
      { c: "M" as const, p: P(16 + s * a, top) },
      { c: "Q" as const, k: P(16 + s * bulge, mid), p: P(16 + s * b, bottom) },
    ],
  });
  return {
    title: "Revolve a profile around an axis",
    context: [{ kind: "line", a: P(16, 4), b: P(16, 28) }, side(1)],
    primary: [
      side(-1),
      side(1),
      { kind: "ellipse", c: P(16, top), rx: a, ry: 1.5 },
      { kind: "ellipse", c: P(16, bottom), rx: b, ry: 2 },
    ],
    grips: [P(16, 5), P(16, 27)],
  };
}

function loft(v: Params): IconSpec {
  const count = v.int(2, 3, 3);
  const ys = count === 3 ? [v.pick(6, 9, 8), 16, v.pick(23, 26, 25)] : [v.pick(6, 9, 8), v.pick(23, 26, 25)];
  const rxs = ys.map((_, i) => v.pick(5, 11, [6, 10, 7][i] ?? 8));
  const sections = ys.map((y, i) => ({ c: P(16, y), rx: rxs[i] ?? 8, ry: 2 }));
  const silhouette = (s: 1 | -1) => ({
    kind: "path" as const,
    segs: throughPoints(sections.map((e) => P(16 + s * e.rx, e.c.y))),
  });
  return {
    title: `Loft through ${count} sections`,
    context: sections.map((e) => ({ kind: "ellipse" as const, ...e })),
    primary: [silhouette(-1), silhouette(1)],
    grips: sections.map((e) => P(16, e.c.y + e.ry)),
  };
}

/** A circular rail keeps the swept tube's edges exact concentric arcs. */
function sweep(v: Params): IconSpec {
  const w = v.pick(2, 3.5, 3);
  const cx = v.pick(4 + w, 9, 8);
  const cy = v.pick(24, 27, 26);
  const r = v.pick(12, Math.min(28 - w - cx, cy - 4 - w), 16);
  const c = P(cx, cy);
  const arc = (radius: number) => ({
    kind: "path" as const,
    segs: [
      { c: "M" as const, p: P(cx, cy - radius) },
      { c: "A" as const, r: radius, large: false, sweep: true, p: P(cx + radius, cy) },
    ],
  });
  return {
    title: "Sweep a profile along a rail",
    context: [arc(r), { kind: "circle", c: P(cx, cy - r), r: w }],
    primary: [
      arc(r + w),
      arc(r - w),
      { kind: "line", a: P(cx, cy - r - w), b: P(cx, cy - r + w) },
      { kind: "line", a: P(cx + r - w, cy), b: P(cx + r + w, cy) },
    ],
    grips: [polar(c, r, 45), P(cx - w, cy - r)],
  };
}

export const SOLID_BUILDERS = seededBuilders({ extrude, revolve, loft, sweep });
