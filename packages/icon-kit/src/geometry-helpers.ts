/**
 * Small plane-geometry helpers for the tool builders. Browser-safe.
 * Angles are in degrees, counter-clockwise on screen (the y axis points down in SVG).
 */
import type { Point } from "./svg-geometry";

export const P = (x: number, y: number): Point => ({ x, y });

export function polar(c: Point, r: number, degrees: number): Point {
  const t = (degrees * Math.PI) / 180;
  return P(c.x + r * Math.cos(t), c.y - r * Math.sin(t));
}

export function lerp(a: Point, b: Point, t: number): Point {
  return P(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
}

export function quadAt(p0: Point, k: Point, p2: Point, t: number): Point {
  return lerp(lerp(p0, k, t), lerp(k, p2, t), t);
}

/** Unit normal of a quadratic Bézier at t (rotated tangent). */
export function quadNormal(p0: Point, k: Point, p2: Point, t: number): Point {
  const d = P(
    2 * (1 - t) * (k.x - p0.x) + 2 * t * (p2.x - k.x),
    2 * (1 - t) * (k.y - p0.y) + 2 * t * (p2.y - k.y),
  );
  const len = Math.hypot(d.x, d.y) || 1;
  return P(-d.y / len, d.x / len);
}

/** The part of a quadratic Bézier between t0 and t1, as [start, control, end]. */
export function quadPart(p0: Point, k: Point, p2: Point, t0: number, t1: number): [Point, Point, Point] {
  const start = quadAt(p0, k, p2, t0);
  const end = quadAt(p0, k, p2, t1);
  // The sub-curve's control point is the blossom f(t0, t1) of the original curve.
  return [start, lerp(lerp(p0, k, t0), lerp(k, p2, t0), t1), end];
}

export function rotateAbout(p: Point, pivot: Point, degrees: number): Point {
  const t = (degrees * Math.PI) / 180;
  const dx = p.x - pivot.x;
  const dy = pivot.y - p.y;
  return P(pivot.x + dx * Math.cos(t) - dy * Math.sin(t), pivot.y - (dx * Math.sin(t) + dy * Math.cos(t)));
}
