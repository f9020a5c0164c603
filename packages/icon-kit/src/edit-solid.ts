/**
 * MODIFICATION builders for solids (Context + Primary + Grips): extrude, revolve, loft, sweep,
 * shell, slice, thicken, draft, hole. Drawn as simple axonometric outlines: Context is the
 * profile or body before, Primary what the operation makes. Browser-safe.
 */
import type { Builder } from "./builder-types";
import { throughPoints } from "./curve-helpers";
import { lerp, P, polar } from "./geometry-helpers";
import type { Shape } from "./icon-spec";
import { arc, arrowhead, box, closed, hatchLines, path, poly, ring, seg } from "./shape-helpers";
import type { Point } from "./svg-geometry";

const ellipse = (c: Point, rx: number, ry: number): Shape => ({ kind: "ellipse", c, rx, ry });

const extrude: Builder = (k, c) => {
  const height = k("height");
  const bottom = 24;
  const top = bottom - height;
  if (c === 0) {
    const rx = 9;
    const ry = 3;
    return {
      title: `Extrude a closed curve by ${height}`,
      context: [ellipse(P(16, bottom), rx, ry)],
      primary: [
        ellipse(P(16, top), rx, ry),
        seg(P(16 - rx, top), P(16 - rx, bottom)),
        seg(P(16 + rx, top), P(16 + rx, bottom)),
      ],
      grips: [P(16, bottom + ry), P(16 + rx, top)],
    };
  }
  const taper = c === 2 ? 2 : 0;
  const base = [P(5, bottom), P(21, bottom), P(27, bottom - 4), P(11, bottom - 4)];
  const lid = base.map((p) => P(p.x + (p.x < 16 ? taper : -taper), p.y - height + 4));
  return {
    title: c === 2 ? `Extrude with taper by ${height}` : `Extrude a box by ${height}`,
    context:
      c === 2
        ? [closed(base), seg(base[1] as Point, P((base[1] as Point).x, (lid[1] as Point).y))]
        : [closed(base)],
    primary: [closed(lid), ...base.map((p, i) => seg(p, lid[i] as Point))],
    grips: [base[1] as Point, lid[1] as Point],
  };
};

const revolve: Builder = (k, c) => {
  const angle = k("angle");
  const top = 8;
  const bottom = 24;
  const profile = path([
    { c: "M", p: P(21, top) },
    { c: "Q", k: P(28, 16), p: P(23, bottom) },
  ]);
  const turnEnd = -90 + angle * 0.75;
  const sweepArc = arc(P(16, 16), 10, -90, turnEnd);
  const mirrorSide = path([
    { c: "M", p: P(11, top) },
    { c: "Q", k: P(4, 16), p: P(9, bottom) },
  ]);
  const rims = [ellipse(P(16, top), 5, 1.5), ellipse(P(16, bottom), 7, 2)];
  const axis = seg(P(16, 4), P(16, 28));
  if (c === 2)
    return {
      title: "Revolve a profile around an axis",
      context: [axis, profile],
      primary: [sweepArc, arrowhead(polar(P(16, 16), 10, turnEnd), polar(P(16, 16), 10, turnEnd - 20))],
      grips: [P(16, 5), P(16, 27)],
    };
  const primary = angle >= 360 && c === 0 ? [mirrorSide, profile, ...rims] : [mirrorSide, ...rims, sweepArc];
  return { title: `Revolve ${angle}°`, context: [axis, profile], primary, grips: [P(16, 5), P(16, 27)] };
};

const loft: Builder = (k, c) => {
  const n = k("sections");
  const ys = Array.from({ length: n }, (_, i) => 7 + (18 * i) / (n - 1));
  const rxs = ys.map((_, i) => [6, 10, 7, 9][i] ?? 8);
  const sections = ys.map((y, i) => ({ c: P(16, y), rx: rxs[i] ?? 8, ry: 2 }));
  const side = (s: 1 | -1): Shape => path(throughPoints(sections.map((e) => P(16 + s * e.rx, e.c.y))));
  const context = sections.map((e) => ellipse(e.c, e.rx, e.ry));
  if (c === 1)
    return {
      title: `Loft through ${n} sections with a rail`,
      context,
      primary: [side(-1), side(1), path(throughPoints(sections.map((e) => P(16, e.c.y + e.ry))))],
      grips: sections.map((e) => P(16, e.c.y + e.ry)),
    };
  if (c === 2)
    return {
      title: `Closed loft through ${n} sections`,
      context,
      primary: [
        side(-1),
        side(1),
        path(
          throughPoints([P(16 - (rxs[0] ?? 6), ys[0] ?? 7), P(16, 4.5), P(16 + (rxs[0] ?? 6), ys[0] ?? 7)]),
        ),
      ],
      grips: [P(16, 4.5), P(16, (ys[n - 1] ?? 25) + 2)],
    };
  return {
    title: `Loft through ${n} sections`,
    context,
    primary: [side(-1), side(1)],
    grips: sections.map((e) => P(16, e.c.y + e.ry)),
  };
};

/** A circular rail keeps the swept tube's edges exact concentric arcs. */
const sweep: Builder = (k, c) => {
  const w = k("width");
  const centre = P(8, 26);
  const r = 15;
  const railArc = (radius: number): Shape => arc(centre, radius, 90, 0);
  const start = P(centre.x, centre.y - r);
  const context: Shape[] =
    c === 1
      ? [railArc(r), ring(start, w)]
      : c === 2
        ? [railArc(r - w - 1), railArc(r + w + 1)]
        : [railArc(r), seg(P(start.x, start.y - w), P(start.x, start.y + w))];
  return {
    title: c === 2 ? "Sweep along two rails" : "Sweep a profile along a rail",
    context,
    primary: [
      railArc(r + w),
      railArc(r - w),
      seg(P(centre.x + r - w, centre.y), P(centre.x + r + w, centre.y)),
    ],
    grips:
      c === 2
        ? [polar(centre, r - w - 1, 45), polar(centre, r + w + 1, 45)]
        : [polar(centre, r, 45), P(start.x, start.y - w)],
  };
};

const shell: Builder = (k, c) => {
  const t = k("thickness");
  if (c === 1) {
    return {
      title: `Shell a cylinder, wall ${t}`,
      context: [
        ellipse(P(16, 9), 10, 3),
        seg(P(6, 9), P(6, 24)),
        seg(P(26, 9), P(26, 24)),
        path([
          { c: "M", p: P(6, 24) },
          { c: "Q", k: P(16, 30), p: P(26, 24) },
        ]),
      ],
      primary: [ellipse(P(16, 9), 10 - t, 3 - t * 0.5)],
      grips: [P(16, 6)],
    };
  }
  const outer = [P(5, 8), P(5, 26), P(27, 26), P(27, 8)];
  const inner = [P(5 + t, 8), P(5 + t, 26 - t), P(27 - t, 26 - t), P(27 - t, 8)];
  const context: Shape[] =
    c === 2
      ? [
          poly(outer),
          seg(P(5, 8), P(27, 8)),
          ...hatchLines([P(5, 8), P(5 + t, 8), P(5 + t, 26), P(5, 26)], 3, 45),
        ]
      : [poly(outer), seg(P(5, 8), P(27, 8))];
  return { title: `Shell with wall ${t}`, context, primary: [poly(inner)], grips: [P(16, 8)] };
};

const slice: Builder = (k, c) => {
  const y = k("position");
  const body = box(P(6, 6), P(26, 26));
  const plane = [P(4, y + 3), P(20, y + 3), P(28, y - 3), P(12, y - 3)];
  if (c === 1) {
    const face = [P(6, y), P(26, y), P(26, Math.min(26, y + 6)), P(6, Math.min(26, y + 6))];
    return {
      title: "Section through a body",
      context: [body],
      primary: [closed(face), ...hatchLines(face, 2.5, 45)],
      grips: [P(6, y), P(26, y)],
    };
  }
  if (c === 2)
    return {
      title: "Slice and keep both halves",
      context: [seg(P(4, y), P(28, y))],
      primary: [box(P(6, 6), P(26, y - 1.5)), box(P(6, y + 1.5), P(26, 26))],
      grips: [P(4, y), P(28, y)],
    };
  return {
    title: "Slice a body with a plane",
    context: [body],
    primary: [closed(plane)],
    grips: [lerp(plane[0] as Point, plane[1] as Point, 0.5), lerp(plane[2] as Point, plane[3] as Point, 0.5)],
  };
};

const thicken: Builder = (k, c) => {
  const t = k("thickness");
  const p0 = P(5, 20);
  const ctrl = P(16, 6);
  const p2 = P(27, 20);
  const surf = path([
    { c: "M", p: p0 },
    { c: "Q", k: ctrl, p: p2 },
  ]);
  const shifted = (d: number): Shape =>
    path([
      { c: "M", p: P(p0.x, p0.y + d) },
      { c: "Q", k: P(ctrl.x, ctrl.y + d), p: P(p2.x, p2.y + d) },
    ]);
  const primary =
    c === 1
      ? [
          shifted(-t / 2),
          shifted(t / 2),
          seg(P(p0.x, p0.y - t / 2), P(p0.x, p0.y + t / 2)),
          seg(P(p2.x, p2.y - t / 2), P(p2.x, p2.y + t / 2)),
        ]
      : [shifted(t), seg(p0, P(p0.x, p0.y + t)), seg(p2, P(p2.x, p2.y + t))];
  const grips = c === 2 ? [p0, P(p0.x, p0.y + t)] : [P(16, 13)];
  return { title: `Thicken a surface by ${t}`, context: [surf], primary, grips };
};

const draft: Builder = (k, c) => {
  const angle = k("angle");
  const dx = 18 * Math.tan((angle * Math.PI) / 180);
  const walls = [P(6, 26), P(6, 8), P(26, 8), P(26, 26)];
  const tapered = [P(6, 26), P(6 + dx, 8), P(26 - dx, 8), P(26, 26)];
  const context: Shape[] = c === 1 ? [poly(walls), arc(P(6, 26), 8, 90, 90 - angle)] : [poly(walls)];
  const primary: Shape[] = c === 2 ? [poly(tapered), seg(P(4, 26), P(28, 26))] : [poly(tapered)];
  return {
    title: `Draft faces by ${angle}°`,
    context,
    primary,
    grips: c === 2 ? [P(6, 26), P(26, 26), P(16, 8)] : [P(6, 26), P(26, 26)],
  };
};

const hole: Builder = (k, c) => {
  const d = k("diameter");
  const plate = [P(4, 20), P(20, 20), P(28, 12), P(12, 12)];
  const centre = P(16, 16);
  const rx = d / 2;
  const ry = d / 4;
  const cross = [seg(P(16 - rx - 1, 16), P(16 + rx + 1, 16)), seg(P(16, 16 - ry - 1), P(16, 16 + ry + 1))];
  const base: Shape[] = [
    ellipse(centre, rx, ry),
    seg(P(16 - rx, 16), P(16 - rx, 16 + 6)),
    seg(P(16 + rx, 16), P(16 + rx, 16 + 6)),
  ];
  const extra: Shape[] =
    c === 1
      ? [ellipse(centre, rx + 1.5, ry + 0.75)]
      : c === 2
        ? [seg(P(16 - rx - 1.5, 16), P(16 - rx, 17.5)), seg(P(16 + rx + 1.5, 16), P(16 + rx, 17.5))]
        : [];
  const titles = ["Hole", "Counterbored hole", "Countersunk hole"];
  return {
    title: `${titles[c] ?? "Hole"} of diameter ${d}`,
    context: [closed(plate)],
    primary: [...base, ...extra, ...cross],
    grips: [centre],
  };
};

export const SOLID_BUILDERS = { extrude, revolve, loft, sweep, shell, slice, thicken, draft, hole } as const;
