/**
 * ANALYSIS builders (Context + Grips only): the measuring tools (distance, angle, area) and the
 * dimension annotations (linear, aligned, radius, diameter, angular). Measuring tools mark the
 * measured points with ticks; dimensions use extension lines and open arrowheads. Browser-safe.
 */
import type { Builder } from "./builder-types";
import { lerp, P, polar } from "./geometry-helpers";
import type { Shape } from "./icon-spec";
import { arc, arrowhead, C, closed, hatchLines, poly, regular, ring, seg, sideways } from "./shape-helpers";
import type { Point } from "./svg-geometry";

function tick(p: Point, a: Point, b: Point): Shape {
  return seg(sideways(p, a, b, 2), sideways(p, a, b, -2));
}

const distance: Builder = (k, c) => {
  const len = k("length");
  const a = P(16 - len / 2, 20);
  const b = P(16 + len / 2, 20);
  if (c === 1)
    return {
      title: `Measure distance (${len})`,
      context: [
        seg(a, b),
        tick(a, a, b),
        tick(b, a, b),
        seg(P(a.x, 10), P(a.x, 26)),
        seg(P(b.x, 10), P(b.x, 26)),
      ],
      grips: [a, b],
    };
  if (c === 2) {
    const m = lerp(a, b, 0.5);
    return {
      title: `Measure a chain of distances`,
      context: [seg(a, b), tick(a, a, b), tick(m, a, b), tick(b, a, b)],
      grips: [a, m, b],
    };
  }
  const lift = P(b.x, 20 - len / 3);
  return {
    title: `Measure distance (${len})`,
    context: [seg(a, lift), tick(a, a, lift), tick(lift, a, lift)],
    grips: [a, lift],
  };
};

/** Where an angle's vertex sits and how long its rays are, so wide angles stay in the safe area. */
function angleFrame(degrees: number) {
  return degrees > 90 ? { vertex: P(16, 24), len: 11 } : { vertex: P(6, 24), len: 20 };
}

const angle: Builder = (k, c) => {
  const degrees = k("angle");
  const { vertex, len } = angleFrame(degrees);
  const ray1 = polar(vertex, len, 0);
  const ray2 = polar(vertex, len, degrees);
  const r = Math.min(7, len * 0.6);
  if (c === 1)
    return {
      title: `Measure angle through three points (${degrees}°)`,
      context: [poly([ray1, vertex, ray2]), arc(vertex, r, 0, degrees)],
      grips: [vertex, lerp(vertex, ray1, 0.85), lerp(vertex, ray2, 0.85)],
    };
  if (c === 2)
    return {
      title: `Measure angle (${degrees}°)`,
      context: [poly([ray1, vertex, ray2]), arc(vertex, r, 0, degrees), arc(vertex, r + 2, 0, degrees)],
      grips: [polar(vertex, r + 2, degrees / 2)],
    };
  return {
    title: `Measure angle (${degrees}°)`,
    context: [seg(vertex, ray1), seg(vertex, ray2), arc(vertex, r, 0, degrees)],
    grips: [lerp(vertex, ray1, 0.85), lerp(vertex, ray2, 0.85)],
  };
};

const area: Builder = (k, c) => {
  const n = k("sides");
  const pts = regular(C, 11, n, 90).map((p, i) => lerp(C, p, i % 2 === 0 ? 1 : 0.85));
  const first = pts[0] as Point;
  const second = pts[1] as Point;
  if (c === 1)
    return {
      title: `Measure area by ${n} points`,
      context: [closed(pts)],
      grips: pts.slice(0, Math.min(n, 8)),
    };
  if (c === 2)
    return {
      title: `Measure a hatched area`,
      context: [closed(pts), ...hatchLines(pts, 3, 45)],
      grips: [lerp(first, second, 0.5)],
    };
  return {
    title: `Measure area of a closed boundary`,
    context: [closed(pts), ...hatchLines(pts, 6, 45)],
    grips: [lerp(first, second, 0.5)],
  };
};

/** A dimension between a and b, its line `off` to the left of a→b, with extension lines and arrowheads. */
function dimension(a: Point, b: Point, off: number): Shape[] {
  const da = sideways(a, a, b, off);
  const db = sideways(b, a, b, off);
  return [
    seg(sideways(a, a, b, 1), sideways(a, a, b, off + 1.5)),
    seg(sideways(b, a, b, 1), sideways(b, a, b, off + 1.5)),
    seg(da, db),
    arrowhead(da, db),
    arrowhead(db, da),
  ];
}

const dimLinear: Builder = (k, c) => {
  const len = k("length");
  const a = P(16 - len / 2, 22);
  const b = P(16 + len / 2, 22);
  if (c === 1)
    return {
      title: `Linear dimension of a part (${len})`,
      context: [...dimension(a, b, 8), poly([a, P(a.x, 26), P(b.x, 26), b])],
      grips: [a, b],
    };
  if (c === 2) {
    const m = lerp(a, b, 0.5);
    return {
      title: `Continued linear dimensions`,
      context: [...dimension(a, m, 8), ...dimension(m, b, 8)],
      grips: [P(a.x, 21), P(m.x, 21), P(b.x, 21)],
    };
  }
  return { title: `Linear dimension (${len})`, context: dimension(a, b, 8), grips: [P(a.x, 21), P(b.x, 21)] };
};

const dimAligned: Builder = (k, c) => {
  const len = k("length");
  const tilt = k("angle");
  const a = polar(P(16, 18), len / 2, tilt + 180);
  const b = polar(P(16, 18), len / 2, tilt);
  const edge = seg(sideways(a, a, b, -1), sideways(b, a, b, -1));
  if (c === 1)
    return {
      title: `Aligned dimension of an edge`,
      context: [...dimension(a, b, 5), edge],
      grips: [sideways(a, a, b, -1), sideways(b, a, b, -1)],
    };
  if (c === 2) {
    const m = lerp(a, b, 0.5);
    return {
      title: `Continued aligned dimensions`,
      context: [...dimension(a, m, 5), ...dimension(m, b, 5)],
      grips: [sideways(a, a, b, 1), sideways(b, a, b, 1)],
    };
  }
  return {
    title: `Aligned dimension at ${tilt}°`,
    context: dimension(a, b, 5),
    grips: [sideways(a, a, b, 1.5), sideways(b, a, b, 1.5)],
  };
};

const dimRadius: Builder = (k, c) => {
  const r = k("radius");
  const centre = P(14, 18);
  const rim = polar(centre, r, 40);
  const outline: Shape = c === 1 ? arc(centre, r, -20, 200) : ring(centre, r);
  const line: Shape[] =
    c === 2
      ? [
          seg(centre, polar(centre, Math.min(r + 4, 13), 40)),
          arrowhead(rim, polar(centre, Math.min(r + 4, 13), 40)),
        ]
      : [seg(centre, rim), arrowhead(rim, centre)];
  const mark: Shape[] =
    c === 2
      ? [
          seg(P(centre.x - 1.5, centre.y), P(centre.x + 1.5, centre.y)),
          seg(P(centre.x, centre.y - 1.5), P(centre.x, centre.y + 1.5)),
        ]
      : [];
  return { title: `Radius dimension (${r})`, context: [outline, ...line, ...mark], grips: [centre, rim] };
};

const dimDiameter: Builder = (k, c) => {
  const d = k("diameter");
  const r = d / 2;
  const a = polar(C, r, 210);
  const b = polar(C, r, 30);
  const context: Shape[] = [ring(C, r), seg(a, b), arrowhead(a, b), arrowhead(b, a)];
  if (c === 1) context.push(seg(P(16 - 1.5, 16), P(16 + 1.5, 16)), seg(P(16, 14.5), P(16, 17.5)));
  if (c === 2)
    return {
      title: `Diameter dimension outside (${d})`,
      context: [
        ring(C, r),
        seg(b, polar(C, Math.min(r + 5, 12), 30)),
        arrowhead(b, polar(C, Math.min(r + 5, 12), 30)),
        arrowhead(a, polar(C, r + 1, 210)),
      ],
      grips: [b],
    };
  return { title: `Diameter dimension (${d})`, context, grips: [a, b] };
};

const dimAngular: Builder = (k, c) => {
  const degrees = k("angle");
  const { vertex, len } = angleFrame(degrees);
  const r1 = polar(vertex, len, 0);
  const r2 = polar(vertex, len, degrees);
  const r = degrees > 90 ? 8 : 12;
  const a1 = polar(vertex, r, 0);
  const a2 = polar(vertex, r, degrees);
  const context: Shape[] = [
    seg(vertex, r1),
    seg(vertex, r2),
    arc(vertex, r, 0, degrees),
    arrowhead(a1, polar(vertex, r, 15)),
    arrowhead(a2, polar(vertex, r, degrees - 15)),
  ];
  if (c === 1)
    return {
      title: `Angular dimension through three points (${degrees}°)`,
      context,
      grips: [vertex, r1, r2],
    };
  if (c === 2)
    return {
      title: `Angular dimension of an arc (${degrees}°)`,
      context: [arc(vertex, len * 0.6, 0, degrees), ...context.slice(2)],
      grips: [polar(vertex, len * 0.6, 0), polar(vertex, len * 0.6, degrees)],
    };
  return {
    title: `Angular dimension (${degrees}°)`,
    context,
    grips: [lerp(vertex, r1, 0.8), lerp(vertex, r2, 0.8)],
  };
};

export const MEASURE_BUILDERS = {
  distance,
  angle,
  area,
  dimLinear,
  dimAligned,
  dimRadius,
  dimDiameter,
  dimAngular,
} as const;
