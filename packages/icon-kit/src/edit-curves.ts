/**
 * MODIFICATION builders that edit curves (Context + Primary + Grips): offset, fillet, chamfer,
 * trim, extend, split, join, divide, break, lengthen. Context shows the curves before the edit,
 * Primary the result. Browser-safe.
 */
import type { Builder } from "./builder-types";
import { lerp, P, polar, quadAt, quadNormal, quadPart } from "./geometry-helpers";
import type { PathSeg } from "./icon-spec";
import { arc, arcSegs, C, closed, path, poly, regular, ring, seg } from "./shape-helpers";
import type { Point } from "./svg-geometry";

/** Concentric arcs: the offset of a circular arc is exact. */
const offset: Builder = (k, c) => {
  const d = k("distance");
  const centre = P(16, 24);
  const r = 12;
  const base = c === 1 ? r - d : r;
  const primary =
    c === 1 ? [arc(centre, base - d, 0, 180), arc(centre, base + d, 0, 180)] : [arc(centre, r - d, 0, 180)];
  const context = [arc(centre, base, 0, 180)];
  if (c === 2) {
    const through = polar(centre, r - d, 60);
    return {
      title: `Offset through a point`,
      context: [...context, seg(polar(centre, r, 60), through)],
      primary,
      grips: [polar(centre, r, 120), through],
    };
  }
  return {
    title: c === 1 ? `Offset both sides by ${d}` : `Offset by ${d}`,
    context,
    primary,
    grips: c === 1 ? [polar(centre, base, 90)] : [polar(centre, r, 135), polar(centre, r - d, 45)],
  };
};

function corner(c: number) {
  const k = P(6, 26);
  return {
    k,
    top: 5,
    right: 27,
    legs: c === 2 ? poly([P(6, 5), k, P(27, 26), P(27, 12)]) : poly([P(6, 5), k, P(27, 26)]),
  };
}

const fillet: Builder = (k, c) => {
  const r = k("radius");
  const { k: v, top, right, legs } = corner(c);
  const segs: PathSeg[] = [
    { c: "M", p: P(v.x, top) },
    { c: "L", p: P(v.x, v.y - r) },
    { c: "A", r, large: false, sweep: false, p: P(v.x + r, v.y) },
    { c: "L", p: P(right, v.y) },
  ];
  if (c === 2) segs.push({ c: "L", p: P(right, 12) });
  const grips = [P(v.x, (top + v.y - r) / 2), P((v.x + r + right) / 2, v.y)];
  const context = c === 1 ? [legs, poly([P(v.x, v.y - r), P(v.x + r, v.y - r), P(v.x + r, v.y)])] : [legs];
  return {
    title: `Fillet with radius ${r}`,
    context,
    primary: [path(segs)],
    grips: c === 1 ? [...grips, P(v.x + r, v.y - r)] : grips,
  };
};

const chamfer: Builder = (k, c) => {
  const d = k("distance");
  const { k: v, top, right, legs } = corner(c);
  const d2 = c === 1 ? d * 0.6 : d;
  const pts = [P(v.x, top), P(v.x, v.y - d), P(v.x + d2, v.y), P(right, v.y)];
  if (c === 2) pts.push(P(right, 12));
  const context =
    c === 1 ? [legs, arc(P(v.x + d2, v.y), 4, 180 - (Math.atan2(d, d2) * 180) / Math.PI, 180)] : [legs];
  const grips = [P(v.x, (top + v.y - d) / 2), P((v.x + d2 + right) / 2, v.y)];
  return {
    title: `Chamfer by ${d}`,
    context,
    primary: [poly(pts)],
    grips: c === 2 ? [...grips, P(right, 19)] : grips,
  };
};

const trim: Builder = (k, c) => {
  const x = k("position");
  const a = P(x, 5);
  const b = P(x, 27);
  const left = P(5, 16);
  const right = P(27, 16);
  const cut = P(x, 16);
  if (c === 1) {
    const x2 = Math.min(27, x + 6);
    return {
      title: "Trim between two cutting edges",
      context: [seg(a, b), seg(P(x2, 5), P(x2, 27)), seg(left, right)],
      primary: [seg(left, cut), seg(P(x2, 16), right)],
      grips: [lerp(cut, P(x2, 16), 0.5)],
    };
  }
  if (c === 2)
    return {
      title: "Quick trim",
      context: [seg(a, b), seg(left, right), poly([P(x + 3, 20), P(x + 6, 12)])],
      primary: [seg(left, cut)],
      grips: [P(x + 4.5, 16)],
    };
  return {
    title: "Trim at a cutting edge",
    context: [seg(a, b), seg(left, right)],
    primary: [seg(left, cut)],
    grips: [lerp(a, b, 0.15), lerp(cut, right, 0.6)],
  };
};

const extend: Builder = (k, c) => {
  const len = k("length");
  const a = P(5, 24);
  const boundaryX = 27;
  const end = P(boundaryX, 8);
  const short = lerp(a, end, 1 - len / 24);
  if (c === 1) {
    const far = P(boundaryX, 5);
    return {
      title: "Extend to two boundaries",
      context: [seg(P(boundaryX, 5), P(boundaryX, 27)), seg(P(4, 6), P(28, 6)), seg(a, short)],
      primary: [seg(a, end)],
      grips: [far, lerp(a, short, 0.8)],
    };
  }
  if (c === 2)
    return {
      title: `Extend by ${len}`,
      context: [seg(a, short)],
      primary: [seg(a, end)],
      grips: [short, end],
    };
  return {
    title: "Extend to a boundary",
    context: [seg(P(boundaryX, 5), P(boundaryX, 27)), seg(a, short)],
    primary: [seg(a, end)],
    grips: [P(boundaryX, 25), lerp(a, short, 0.8)],
  };
};

const CURVE = { p0: P(6, 24), k: P(16, 2), p2: P(26, 24) };
const quad = (p0: Point, k: Point, p2: Point) =>
  path([
    { c: "M", p: p0 },
    { c: "Q", k, p: p2 },
  ]);

const split: Builder = (k, c) => {
  const pieces = k("pieces");
  const { p0, k: ctrl, p2 } = CURVE;
  const cuts = Array.from({ length: pieces - 1 }, (_, i) => (i + 1) / pieces);
  const bounds = [0, ...cuts, 1];
  const primary = bounds.slice(0, -1).map((t0, i) => {
    const [a, q, b] = quadPart(
      p0,
      ctrl,
      p2,
      t0 === 0 ? 0 : t0 + 0.04,
      (bounds[i + 1] ?? 1) === 1 ? 1 : (bounds[i + 1] ?? 1) - 0.04,
    );
    return quad(a, q, b);
  });
  const points = cuts.map((t) => quadAt(p0, ctrl, p2, t));
  const cutters = cuts.map((t) => {
    const s = quadAt(p0, ctrl, p2, t);
    const n = quadNormal(p0, ctrl, p2, t);
    return seg(P(s.x - 4 * n.x, s.y - 4 * n.y), P(s.x + 4 * n.x, s.y + 4 * n.y));
  });
  const context = c === 1 ? [quad(p0, ctrl, p2), ...cutters] : [quad(p0, ctrl, p2)];
  return {
    title: `Split into ${pieces} pieces`,
    context,
    primary,
    grips: c === 2 ? [p0, ...points, p2] : points,
  };
};

const join: Builder = (k, c) => {
  const n = k("segments");
  // The closed loop has two more sides than the open chain, so it stays a loop at two segments.
  const pts =
    c === 2
      ? regular(C, 11, n + 2, 90 + 180 / (n + 2))
      : Array.from({ length: n + 1 }, (_, i) => P(5 + (22 * i) / n, i % 2 === 0 ? 22 : 10));
  const pieces = pts.slice(0, -1).map((p, i) => seg(p, pts[i + 1] as Point));
  if (c === 2) pieces.push(seg(pts[pts.length - 1] as Point, pts[0] as Point));
  const first = lerp(pts[0] as Point, pts[1] as Point, 0.5);
  const last = lerp(pts[pts.length - 2] as Point, pts[pts.length - 1] as Point, 0.5);
  if (c === 1)
    return {
      title: `Join ${n} curves at their ends`,
      context: pieces,
      primary: [poly(pts)],
      grips: pts.slice(1, -1),
    };
  if (c === 2)
    return {
      title: `Join ${n + 2} curves into a closed loop`,
      context: pieces,
      primary: [closed(pts)],
      grips: [first, last],
    };
  return { title: `Join ${n} curves`, context: pieces, primary: [poly(pts)], grips: [first, last] };
};

const divide: Builder = (k, c) => {
  const parts = k("divisions");
  const { p0, k: ctrl, p2 } = CURVE;
  const marks = Array.from({ length: parts + 1 }, (_, i) => {
    const t = i / parts;
    const p = quadAt(p0, ctrl, p2, t);
    const n = quadNormal(p0, ctrl, p2, t);
    return c === 2
      ? ring(p, 1)
      : seg(P(p.x - 1.5 * n.x, p.y - 1.5 * n.y), P(p.x + 1.5 * n.x, p.y + 1.5 * n.y));
  });
  if (c === 1) {
    const pts = Array.from({ length: parts + 1 }, (_, i) => P(5 + (22 * i) / parts, 20));
    return {
      title: `Divide a line by length into ${parts}`,
      context: [seg(P(5, 20), P(27, 20))],
      primary: pts.map((p) => seg(P(p.x, p.y - 2), P(p.x, p.y + 2))),
      grips: [P(5, 20), P(27, 20)],
    };
  }
  return {
    title: `Divide into ${parts} equal parts`,
    context: [quad(p0, ctrl, p2)],
    primary: marks,
    grips: [quadAt(p0, ctrl, p2, 0.5 / parts)],
  };
};

const breakTool: Builder = (k, c) => {
  const gap = k("gap");
  if (c === 2) {
    const sweep = (gap / 12) * 57.3;
    return {
      title: "Break a circle",
      context: [ring(C, 11)],
      primary: [path(arcSegs(C, 11, 90 + sweep / 2, 450 - sweep / 2))],
      grips: [polar(C, 11, 90 + sweep / 2), polar(C, 11, 90 - sweep / 2)],
    };
  }
  const a = P(4, 20);
  const b = P(28, 12);
  const t0 = 0.5 - gap / 50;
  const t1 = 0.5 + gap / 50;
  const primary = [seg(a, lerp(a, b, t0)), seg(lerp(a, b, t1), b)];
  if (c === 1)
    return {
      title: "Break at a point",
      context: [seg(a, b), seg(lerp(a, b, 0.5), P(lerp(a, b, 0.5).x, 24))],
      primary,
      grips: [lerp(a, b, 0.5)],
    };
  return {
    title: `Break with a gap of ${gap}`,
    context: [seg(a, b)],
    primary,
    grips: [lerp(a, b, t0), lerp(a, b, t1)],
  };
};

const lengthen: Builder = (k, c) => {
  const delta = k("length");
  if (c === 1) {
    const centre = P(16, 22);
    const extra = delta * 6;
    return {
      title: `Lengthen an arc by ${delta}`,
      context: [arc(centre, 11, 30, 120)],
      primary: [arc(centre, 11, 30, 120 + extra)],
      grips: [polar(centre, 11, 120), polar(centre, 11, 120 + extra)],
    };
  }
  const a = P(5, 22);
  const b = P(17, 14);
  const end = lerp(a, b, 1 + delta / 14.4);
  const context = c === 2 ? [seg(a, b), seg(P(b.x, b.y - 2), P(b.x, b.y + 2))] : [seg(a, b)];
  return {
    title: `Lengthen by ${delta}`,
    context,
    primary: [seg(a, end)],
    grips: c === 2 ? [b, end] : [end],
  };
};

export const CURVE_EDIT_BUILDERS = {
  offset,
  fillet,
  chamfer,
  trim,
  extend,
  split,
  join,
  divide,
  break: breakTool,
  lengthen,
} as const;
