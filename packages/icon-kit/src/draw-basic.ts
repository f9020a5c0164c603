/**
 * DRAWING builders for basic geometry (Guide + Primary + Grips): line, polyline, arc, circle,
 * ellipse, rectangle, polygon, curve, and the generic icon. Browser-safe.
 * Curves pass through their grips (docs/design-system.md#design-rules).
 */
import type { Builder } from "./builder-types";
import { reach, throughPoints } from "./curve-helpers";
import { lerp, P, polar } from "./geometry-helpers";
import type { PathSeg } from "./icon-spec";
import {
  arcSegs,
  arc as arcShape,
  box,
  C,
  closed,
  mid,
  path,
  poly,
  regular,
  ring,
  seg,
} from "./shape-helpers";
import type { Point } from "./svg-geometry";

const line: Builder = (k, c) => {
  const angle = k("angle");
  const rad = (angle * Math.PI) / 180;
  const half = Math.min(12 / Math.max(Math.abs(Math.cos(rad)), 1e-6), 12 / Math.max(Math.sin(rad), 1e-6), 16);
  const a = polar(C, half, angle + 180);
  const b = polar(C, half, angle);
  const guides = [
    [seg(P(4, a.y), P(28, a.y))],
    [seg(a, polar(a, 9, 0)), arcShape(a, 6, 0, angle)],
    [
      seg(lerp(a, b, 0.15), polar(lerp(a, b, 0.15), 3, angle - 90)),
      seg(lerp(a, b, 0.85), polar(lerp(a, b, 0.85), 3, angle - 90)),
      seg(polar(lerp(a, b, 0.15), 2, angle - 90), polar(lerp(a, b, 0.85), 2, angle - 90)),
    ],
  ];
  return {
    title: `Line at ${angle}°`,
    guide: guides[c] ?? [],
    primary: [seg(a, b)],
    grips: c === 2 ? [a, b, mid(a, b)] : [a, b],
  };
};

const polyline: Builder = (k, c) => {
  const n = k("vertices");
  if (c === 1) {
    const pts = regular(C, 11, n, 100).map((p, i) => lerp(C, p, i % 2 === 0 ? 1 : 0.8));
    return {
      title: `Closed polyline (${n} vertices)`,
      guide: [ring(C, 11)],
      primary: [closed(pts)],
      grips: pts,
    };
  }
  const pts = Array.from({ length: n }, (_, i) => P(4 + (24 * i) / (n - 1), i % 2 === 0 ? 24 : 8));
  if (c === 2) {
    const last = pts[n - 1] as Point;
    const before = pts[n - 2] as Point;
    const segs: PathSeg[] = [
      { c: "M", p: pts[0] as Point },
      ...pts.slice(1, -1).map((p): PathSeg => ({ c: "L", p })),
    ];
    const r = Math.hypot(last.x - before.x, last.y - before.y) / 2 + 0.5;
    segs.push({ c: "A", r, large: false, sweep: before.y > last.y, p: last });
    return {
      title: "Polyline ending with an arc",
      guide: [seg(P(4, 24), P(28, 24))],
      primary: [path(segs)],
      grips: pts,
    };
  }
  return {
    title: `Polyline (${n} vertices)`,
    guide: [seg(P(4, 24), P(28, 24))],
    primary: [poly(pts)],
    grips: pts,
  };
};

/** The arc's radius and centre so that a `sweep`-degree arc, centred on the top, fills the safe area. */
function fitArc(sweep: number, maxRadius: number): { c: Point; r: number; from: number; to: number } {
  const from = 90 - sweep / 2;
  const to = 90 + sweep / 2;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= 72; i++) {
    const p = polar(P(0, 0), 1, from + (sweep * i) / 72);
    xs.push(p.x);
    ys.push(p.y);
  }
  const w = Math.max(...xs) - Math.min(...xs);
  const h = Math.max(...ys) - Math.min(...ys);
  const r = Math.min(24 / w, 24 / h, maxRadius);
  const c = P(
    16 - ((Math.max(...xs) + Math.min(...xs)) / 2) * r,
    16 - ((Math.max(...ys) + Math.min(...ys)) / 2) * r,
  );
  return { c, r, from, to };
}

const arc: Builder = (k, c) => {
  const sweep = k("sweep");
  // A shallow arc fills the width with a large radius, except where its centre is a grip and must
  // stay in the safe area.
  const f = fitArc(sweep, c === 1 ? 12 : 24);
  const start = polar(f.c, f.r, f.from);
  const end = polar(f.c, f.r, f.to);
  const apex = polar(f.c, f.r, 90);
  const primary = [path(arcSegs(f.c, f.r, f.from, f.to))];
  if (c === 1)
    return {
      title: `Arc from centre, start and end (${sweep}°)`,
      guide: [poly([start, f.c, end])],
      primary,
      grips: [f.c, start, end],
    };
  if (c === 2) {
    const tangent = polar(start, reach(start, 7, f.from - 90), f.from - 90);
    return {
      title: `Arc (${sweep}°) from a start direction`,
      guide: [seg(start, tangent)],
      primary,
      grips: [start, end],
    };
  }
  return {
    title: `Arc through three points (${sweep}°)`,
    guide: [seg(start, end), seg(apex, mid(start, end))],
    primary,
    grips: [start, apex, end],
  };
};

const circle: Builder = (k, c) => {
  const r = k("radius");
  const primary = [ring(C, r)];
  if (c === 1)
    return {
      title: "Circle from centre and diameter",
      guide: [seg(P(16 - r, 16), P(16 + r, 16)), seg(P(16, 16 - r), P(16, 16 + r))],
      primary,
      grips: [P(16 - r, 16), P(16 + r, 16)],
    };
  if (c === 2) {
    const pts = regular(C, r, 3, 110);
    return { title: "Circle through three points", guide: [closed(pts)], primary, grips: pts };
  }
  const rim = polar(C, r, 45);
  return { title: "Circle from centre and radius", guide: [seg(C, rim)], primary, grips: [C, rim] };
};

const ellipse: Builder = (k, c) => {
  const rx = k("width") / 2;
  const ry = k("height") / 2;
  const primary = [{ kind: "ellipse" as const, c: C, rx, ry }];
  const major = [P(16 - rx, 16), P(16 + rx, 16)] as const;
  if (c === 1)
    return {
      title: "Ellipse from axis endpoints",
      guide: [seg(major[0], major[1])],
      primary,
      grips: [major[0], major[1], P(16, 16 - ry)],
    };
  if (c === 2)
    return {
      title: "Ellipse in a bounding box",
      guide: [box(P(16 - rx, 16 - ry), P(16 + rx, 16 + ry))],
      primary,
      grips: [P(16 + rx, 16), P(16, 16 + ry)],
    };
  return {
    title: "Ellipse from centre and axes",
    guide: [seg(major[0], major[1]), seg(P(16, 16 - ry), P(16, 16 + ry))],
    primary,
    grips: [C, major[1], P(16, 16 - ry)],
  };
};

const rectangle: Builder = (k, c) => {
  const w = k("width");
  const h = k("height");
  const a = P(16 - w / 2, 16 - h / 2);
  const b = P(16 + w / 2, 16 + h / 2);
  const primary = [box(a, b)];
  if (c === 1)
    return {
      title: "Rectangle from centre and corner",
      guide: [seg(P(a.x, 16), P(b.x, 16)), seg(P(16, a.y), P(16, b.y))],
      primary,
      grips: [C, b],
    };
  if (c === 2)
    return {
      title: "Rectangle from three points",
      guide: [poly([P(a.x, b.y), b, P(b.x, a.y)])],
      primary,
      grips: [P(a.x, b.y), b, P(b.x, a.y)],
    };
  return { title: "Rectangle from two corners", guide: [seg(a, b)], primary, grips: [a, b] };
};

const polygon: Builder = (k, c) => {
  const n = k("sides");
  // A flat bottom edge: the vertices sit symmetric about the vertical axis.
  const start = -90 + 180 / n;
  const pts = regular(C, 12, n, start);
  const primary = [closed(pts)];
  const first = pts[0] as Point;
  const second = pts[n - 1] as Point;
  if (c === 1) {
    const apothem = 12 * Math.cos(Math.PI / n);
    const edge = mid(first, second);
    return {
      title: `Polygon (${n} sides) around a circle`,
      guide: [ring(C, apothem), poly([first, C, edge])],
      primary,
      grips: [C, edge],
    };
  }
  if (c === 2)
    return {
      title: `Polygon (${n} sides) from an edge`,
      guide: [seg(P(4, first.y), P(28, first.y))],
      primary,
      grips: [second, first],
    };
  return {
    title: `Polygon (${n} sides) in a circle`,
    guide: [ring(C, 12), seg(C, first)],
    primary,
    grips: [C, first],
  };
};

const curve: Builder = (k, c) => {
  const n = k("points");
  if (c === 2) {
    const pts = regular(C, 11, n, 90).map((p, i) => lerp(C, p, i % 2 === 0 ? 1 : 0.7));
    return {
      title: `Closed curve through ${n} points`,
      guide: [ring(C, 11)],
      primary: [path([...throughPoints(pts, true), { c: "Z" }])],
      grips: pts,
    };
  }
  const pts = Array.from({ length: n }, (_, i) => P(5 + (22 * i) / (n - 1), i % 2 === 0 ? 22 : 9));
  if (c === 1) {
    // A quadratic B-spline: it starts and ends on the control polygon and touches its midpoints.
    const segs: PathSeg[] = [{ c: "M", p: pts[0] as Point }];
    for (let i = 1; i < n - 1; i++) {
      segs.push({
        c: "Q",
        k: pts[i] as Point,
        p: i === n - 2 ? (pts[n - 1] as Point) : mid(pts[i] as Point, pts[i + 1] as Point),
      });
    }
    if (n === 2) segs.push({ c: "L", p: pts[1] as Point });
    return {
      title: `Curve from ${n} control vertices`,
      guide: [poly(pts)],
      primary: [path(segs)],
      grips: pts,
    };
  }
  return {
    title: `Curve through ${n} points`,
    guide: [poly(pts)],
    primary: [path(throughPoints(pts))],
    grips: pts,
  };
};

const generic: Builder = (_k, c) => {
  const pts = [P(6, 22), P(16, 8), P(26, 20)];
  return {
    title: "Generic tool",
    guide: c === 1 ? [seg(P(4, 26), P(28, 26)), seg(P(16, 8), P(16, 26))] : [seg(P(4, 26), P(28, 26))],
    primary: [path(throughPoints(pts))],
    grips: c === 2 ? [pts[1] as Point] : pts,
  };
};

export const BASIC_BUILDERS = {
  line,
  polyline,
  arc,
  circle,
  ellipse,
  rectangle,
  polygon,
  curve,
  generic,
} as const;
