/**
 * ANALYSIS builders (Context + Grips): distance, angle, area. Browser-safe.
 *
 * Public API: `ANALYSIS_BUILDERS` — tool id → `(params) => IconSpec`.
 */
import { lerp, P, polar } from "./geometry-helpers";
import type { IconSpec } from "./icon-spec";
import { type Params, seededBuilders } from "./variant-params";

function distance(v: Params): IconSpec {
  const a = P(v.pick(6, 10, 6), v.pick(18, 26, 22));
  const b = P(v.pick(20, 26, 26), v.pick(6, 14, 10));
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const n = P(((a.y - b.y) / len) * 2, ((b.x - a.x) / len) * 2);
  const tick = (p: typeof a) => ({
    kind: "line" as const,
    a: P(p.x - n.x, p.y - n.y),
    b: P(p.x + n.x, p.y + n.y),
  });
  return {
    title: "Measure distance",
    context: [{ kind: "line", a, b }, tick(a), tick(b)],
    grips: [a, b],
  };
}

function angle(v: Params): IconSpec {
  const vertex = P(v.pick(5, 8, 6), v.pick(24, 27, 26));
  const degrees = v.int(3, 8, 5) * 10;
  const long = v.pick(16, 19, 20);
  const ray1 = P(Math.min(28, vertex.x + long + 1), vertex.y);
  const ray2 = polar(vertex, long, degrees);
  const r = v.pick(6, 9, 8);
  return {
    title: `Measure angle (${degrees}°)`,
    context: [
      { kind: "polyline", pts: [ray1, vertex, ray2] },
      {
        kind: "path",
        segs: [
          { c: "M", p: polar(vertex, r, 0) },
          { c: "A", r, large: false, sweep: false, p: polar(vertex, r, degrees) },
        ],
      },
    ],
    grips: [vertex, lerp(vertex, ray1, 0.85), lerp(vertex, ray2, 0.85)],
  };
}

function area(v: Params): IconSpec {
  const sides = v.int(4, 6, 5);
  const pts = Array.from({ length: sides }, (_, i) =>
    polar(
      P(16, 16),
      v.pick(8, 12, [12, 10, 12, 9, 11, 10][i] ?? 10),
      90 + (360 * i) / sides + v.pick(-10, 10, 0),
    ),
  );
  const hatch = [-3, 0, 3].map((o) => ({
    kind: "line" as const,
    a: P(16 + o - 1.5, 18),
    b: P(16 + o + 1.5, 14),
  }));
  return {
    title: "Measure area",
    context: [{ kind: "polygon", pts }, ...hatch],
    grips: [lerp(pts[0] ?? P(16, 4), pts[1] ?? P(4, 16), 0.5)],
  };
}

export const ANALYSIS_BUILDERS = seededBuilders({ distance, angle, area });
