/**
 * Shape constructors shared by the tool builders. Browser-safe. Angles are in degrees,
 * counter-clockwise on screen (the SVG y axis points down).
 */
import { lerp, P, polar } from "./geometry-helpers";
import type { PathSeg, Shape } from "./icon-spec";
import type { Point } from "./svg-geometry";

export const C = P(16, 16);

export const seg = (a: Point, b: Point): Shape => ({ kind: "line", a, b });
export const poly = (pts: Point[]): Shape => ({ kind: "polyline", pts });
export const closed = (pts: Point[]): Shape => ({ kind: "polygon", pts });
export const ring = (c: Point, r: number): Shape => ({ kind: "circle", c, r });
export const box = (a: Point, b: Point): Shape => ({ kind: "rect", a, b });
export const path = (segs: PathSeg[]): Shape => ({ kind: "path", segs });

/** A circular arc from `from` to `to` degrees (counter-clockwise when `to` > `from`). */
export function arcSegs(c: Point, r: number, from: number, to: number): PathSeg[] {
  const sweep = to - from;
  return [
    { c: "M", p: polar(c, r, from) },
    { c: "A", r, large: Math.abs(sweep) > 180, sweep: sweep < 0, p: polar(c, r, to) },
  ];
}
export const arc = (c: Point, r: number, from: number, to: number): Shape => path(arcSegs(c, r, from, to));

/** An open arrowhead (chevron) at `tip`, pointing away from `from`. */
export function arrowhead(tip: Point, from: Point, length = 2): Shape {
  const angle = (Math.atan2(-(tip.y - from.y), tip.x - from.x) * 180) / Math.PI;
  return poly([polar(tip, length, angle + 150), tip, polar(tip, length, angle - 150)]);
}

/** The direction from a to b in degrees. */
export function heading(a: Point, b: Point): number {
  return (Math.atan2(-(b.y - a.y), b.x - a.x) * 180) / Math.PI;
}

/** A point moved perpendicular to the direction a→b by `d` (positive: to the left on screen). */
export function sideways(p: Point, a: Point, b: Point, d: number): Point {
  return polar(p, d, heading(a, b) + 90);
}

export const mid = (a: Point, b: Point): Point => lerp(a, b, 0.5);

/** Regular polygon vertices around c, the first at `start` degrees. */
export function regular(c: Point, r: number, n: number, start = 90): Point[] {
  return Array.from({ length: n }, (_, i) => polar(c, r, start + (360 * i) / n));
}

/**
 * The part of the infinite line through p with direction `degrees` inside a convex polygon, or
 * null when it misses (used to clip hatch lines to a boundary).
 */
export function clipToConvex(poly: readonly Point[], p: Point, degrees: number): [Point, Point] | null {
  const d = polar(P(0, 0), 1, degrees);
  const centroid = P(
    poly.reduce((sum, q) => sum + q.x, 0) / poly.length,
    poly.reduce((sum, q) => sum + q.y, 0) / poly.length,
  );
  let t0 = Number.NEGATIVE_INFINITY;
  let t1 = Number.POSITIVE_INFINITY;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i] as Point;
    const b = poly[(i + 1) % poly.length] as Point;
    const n = P(a.y - b.y, b.x - a.x);
    const inside = Math.sign(n.x * (centroid.x - a.x) + n.y * (centroid.y - a.y)) || 1;
    const base = inside * (n.x * (p.x - a.x) + n.y * (p.y - a.y));
    const rate = inside * (n.x * d.x + n.y * d.y);
    if (Math.abs(rate) < 1e-9) {
      if (base < 0) return null;
      continue;
    }
    if (rate > 0) t0 = Math.max(t0, -base / rate);
    else t1 = Math.min(t1, -base / rate);
  }
  if (!(t0 < t1) || !Number.isFinite(t0) || !Number.isFinite(t1)) return null;
  return [P(p.x + d.x * t0, p.y + d.y * t0), P(p.x + d.x * t1, p.y + d.y * t1)];
}

/** Hatch lines at `degrees`, `spacing` apart, clipped to a convex boundary. */
export function hatchLines(boundary: readonly Point[], spacing: number, degrees: number): Shape[] {
  const normal = polar(P(0, 0), 1, degrees + 90);
  const out: Shape[] = [];
  for (let k = -20; k <= 20; k++) {
    const origin = P(16 + normal.x * k * spacing, 16 + normal.y * k * spacing);
    const piece = clipToConvex(boundary, origin, degrees);
    if (piece && Math.hypot(piece[1].x - piece[0].x, piece[1].y - piece[0].y) > 0.6)
      out.push(seg(piece[0], piece[1]));
  }
  return out;
}
