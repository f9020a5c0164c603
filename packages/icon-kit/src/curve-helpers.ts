/**
 * Curve helpers for the builders: curves through points, and how far a stroke can reach inside
 * the safe area. Browser-safe.
 */
import { P, polar } from "./geometry-helpers";
import type { PathSeg } from "./icon-spec";
import type { Point } from "./svg-geometry";

/** Catmull-Rom through the points as cubic Béziers: the curve passes through every point. */
export function throughPoints(pts: readonly Point[], loop = false): PathSeg[] {
  const first = pts[0];
  if (!first) return [];
  const n = pts.length;
  const at = (i: number): Point =>
    loop ? (pts[((i % n) + n) % n] as Point) : (pts[Math.min(n - 1, Math.max(0, i))] as Point);
  const segs: PathSeg[] = [{ c: "M", p: first }];
  for (let i = 0; i < (loop ? n : n - 1); i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    segs.push({
      c: "C",
      k1: P(p1.x + (p2.x - p0.x) / 6, p1.y + (p2.y - p0.y) / 6),
      k2: P(p2.x - (p3.x - p1.x) / 6, p2.y - (p3.y - p1.y) / 6),
      p: p2,
    });
  }
  return segs;
}

/** How far (up to `length`) one can go from p in a direction and stay in the safe area. */
export function reach(p: Point, length: number, degrees: number): number {
  let l = length;
  while (l > 0) {
    const q = polar(p, l, degrees);
    if (q.x >= 4 && q.x <= 28 && q.y >= 4 && q.y <= 28) return l;
    l -= 0.5;
  }
  return 0;
}
