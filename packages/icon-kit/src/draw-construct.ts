/**
 * DRAWING builders for construction and annotation geometry (Guide + Primary + Grips):
 * point, construction line, ray, tangent arc, tangent circle, text and leader. Browser-safe.
 */
import type { Builder } from "./builder-types";
import { lerp, P, polar } from "./geometry-helpers";
import type { PathSeg } from "./icon-spec";
import {
  arc,
  arcSegs,
  arrowhead,
  box,
  C,
  clipToConvex,
  closed,
  path,
  poly,
  regular,
  ring,
  seg,
} from "./shape-helpers";
import type { Point } from "./svg-geometry";

const SAFE: Point[] = [P(4, 4), P(28, 4), P(28, 28), P(4, 28)];

/** The line through p at `degrees`, clipped to the safe area. */
function acrossSafe(p: Point, degrees: number): [Point, Point] {
  return clipToConvex(SAFE, p, degrees) ?? [P(4, p.y), P(28, p.y)];
}

const point: Builder = (k, c) => {
  const n = k("count");
  const pts =
    n === 1 ? [C] : Array.from({ length: n }, (_, i) => P(8 + (16 * i) / (n - 1), i % 2 === 0 ? 20 : 12));
  const marks = pts.flatMap((p) =>
    c === 2
      ? [ring(p, 2.5)]
      : [
          seg(P(p.x - 2.5, p.y - 2.5), P(p.x + 2.5, p.y + 2.5)),
          seg(P(p.x - 2.5, p.y + 2.5), P(p.x + 2.5, p.y - 2.5)),
        ],
  );
  const guide =
    c === 1
      ? pts.map((p) => poly([P(4, p.y), p, P(p.x, 28)]))
      : pts.flatMap((p) => [seg(P(4, p.y), P(28, p.y)), seg(P(p.x, 4), P(p.x, 28))]);
  return { title: n === 1 ? "Point" : `${n} points`, guide, primary: marks, grips: pts };
};

const xline: Builder = (k, c) => {
  const angle = k("angle");
  const [a, b] = acrossSafe(C, angle);
  const through = polar(C, 7, angle);
  if (c === 1)
    return {
      title: `Construction line at ${angle}°`,
      guide: [seg(C, P(27, 16)), arc(C, 6, 0, angle)],
      primary: [seg(a, b)],
      grips: [C],
    };
  if (c === 2) {
    const ref = acrossSafe(polar(C, 6, angle - 90), angle);
    return {
      title: "Construction line offset from a line",
      guide: [seg(ref[0], ref[1])],
      primary: [seg(a, b)],
      grips: [lerp(ref[0], ref[1], 0.5), C, through],
    };
  }
  return {
    title: "Construction line through two points",
    guide: [seg(P(4, 16), P(28, 16))],
    primary: [seg(a, b)],
    grips: [C, through],
  };
};

const ray: Builder = (k, c) => {
  const angle = k("angle");
  // The ray starts on the side it leans away from, so it crosses the canvas.
  const start = P(angle > 90 ? 24 : 8, 22);
  const end = acrossSafe(start, angle)[1];
  const primary = [seg(start, end), arrowhead(end, start)];
  if (c === 1)
    return {
      title: `Ray at ${angle}°`,
      guide: [seg(P(4, 22), P(28, 22)), arc(start, 6, 0, angle)],
      primary,
      grips: [start],
    };
  if (c === 2) {
    const fan = [angle - 25, angle + 25].filter((a) => a > 0 && a < 180).map((a) => acrossSafe(start, a)[1]);
    return {
      title: "Rays from one point",
      guide: [seg(P(4, 22), P(28, 22))],
      primary: [...primary, ...fan.map((e) => seg(start, e))],
      grips: [start, lerp(start, end, 0.5)],
    };
  }
  return {
    title: "Ray from a point through a point",
    guide: [seg(P(4, 22), P(28, 22))],
    primary,
    grips: [start, lerp(start, end, 0.5)],
  };
};

const tangentArc: Builder = (k, c) => {
  const sweep = k("sweep");
  // The arc leaves T heading right (the tangent of the guide line) and turns upwards.
  const r = 9;
  const centre = P(13, 27 - r);
  const t = polar(centre, r, -90);
  const end = polar(centre, r, -90 + sweep);
  const primary = [path(arcSegs(centre, r, -90, -90 + sweep))];
  if (c === 1) {
    const before = arcSegs(polar(t, r, 90), r, -90, -150);
    return { title: `Arc tangent to an arc (${sweep}°)`, guide: [path(before)], primary, grips: [t, end] };
  }
  if (c === 2)
    return {
      title: `Tangent arc with its centre (${sweep}°)`,
      guide: [seg(P(4, t.y), t), poly([t, centre, end])],
      primary,
      grips: [t, centre, end],
    };
  return { title: `Arc tangent to a line (${sweep}°)`, guide: [seg(P(4, t.y), t)], primary, grips: [t, end] };
};

const tangentCircle: Builder = (k, c) => {
  const r = k("radius");
  if (c === 1) {
    // Both circles fit beside each other: the drawn radius runs 3..7 as the parameter runs 3..10.
    const big = 4;
    const small = 3 + ((r - 3) * 4) / 7;
    const centre = P(6 + small, 26 - small);
    const other = P(centre.x + small + big, 26 - big);
    const touch = lerp(centre, other, small / (small + big));
    return {
      title: "Circle tangent to a line and a circle",
      guide: [seg(P(4, 26), P(28, 26)), ring(other, big)],
      primary: [ring(centre, small)],
      grips: [P(centre.x, 26), touch],
    };
  }
  if (c === 2) {
    // The incircle of an equilateral triangle: its radius fits the safe area up to 6.
    const inner = 3 + ((r - 3) * 3) / 7;
    const tri = regular(C, inner * 2, 3, 90);
    const touches = tri.map((p, i) => lerp(p, tri[(i + 1) % 3] as Point, 0.5));
    return {
      title: "Circle tangent to three lines",
      guide: [closed(tri)],
      primary: [ring(C, inner)],
      grips: touches,
    };
  }
  const centre = P(6 + r, 26 - r);
  return {
    title: "Circle tangent to two lines, with radius",
    guide: [seg(P(6, 4), P(6, 28)), seg(P(4, 26), P(28, 26))],
    primary: [ring(centre, r)],
    grips: [P(6, centre.y), P(centre.x, 26)],
  };
};

const text: Builder = (k, c) => {
  const n = k("lines");
  const glyph = [seg(P(5, 7), P(13, 7)), seg(P(9, 7), P(9, 19))];
  const rows = Array.from({ length: n }, (_, i) =>
    seg(P(16, 8 + (i * 16) / Math.max(n, 3)), P(27, 8 + (i * 16) / Math.max(n, 3))),
  );
  const primary = [...glyph, ...rows];
  if (c === 1)
    return {
      title: `Text on a baseline (${n} lines)`,
      guide: [seg(P(4, 25), P(28, 25))],
      primary,
      grips: [P(5, 25)],
    };
  if (c === 2)
    return {
      title: `Multiline text in a frame (${n} lines)`,
      guide: [box(P(4, 5), P(28, 26))],
      primary,
      grips: [P(4, 5), P(28, 26)],
    };
  return { title: `Text (${n} lines)`, guide: [box(P(4, 5), P(28, 26))], primary, grips: [P(4, 5)] };
};

const leader: Builder = (k, c) => {
  const angle = k("angle");
  const object = P(9, 21);
  const tip = polar(object, 4, 45);
  const knee = polar(tip, Math.min(14, 12 / Math.sin((angle * Math.PI) / 180)), angle);
  const kneeSafe = P(Math.min(knee.x, 20), Math.max(knee.y, 10));
  const landing = P(27, kneeSafe.y);
  const guide = [ring(object, 4)];
  if (c === 2) {
    const segs: PathSeg[] = [
      { c: "M", p: tip },
      { c: "Q", k: P(tip.x, kneeSafe.y), p: kneeSafe },
      { c: "L", p: landing },
    ];
    return {
      title: "Spline leader",
      guide,
      primary: [path(segs), arrowhead(tip, P(tip.x, kneeSafe.y))],
      grips: [tip, kneeSafe],
    };
  }
  const primary = [poly([tip, kneeSafe, landing]), arrowhead(tip, kneeSafe)];
  if (c === 1) {
    const rows = [
      seg(P(kneeSafe.x + 1, kneeSafe.y - 3), P(27, kneeSafe.y - 3)),
      seg(P(kneeSafe.x + 1, kneeSafe.y - 5.5), P(25, kneeSafe.y - 5.5)),
    ];
    return {
      title: "Leader with text",
      guide,
      primary: [...primary, ...rows],
      grips: [tip, kneeSafe, landing],
    };
  }
  return { title: `Leader at ${angle}°`, guide, primary, grips: [tip, kneeSafe] };
};

export const CONSTRUCT_BUILDERS = {
  point,
  xline,
  ray,
  tangentArc,
  tangentCircle,
  text,
  leader,
} as const;
