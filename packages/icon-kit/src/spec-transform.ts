/**
 * Uniform scaling of an icon description about the canvas centre, for the `size` parameter.
 * Browser-safe. Scaling by at most 1 keeps a drawing that fits the safe area inside it.
 */
import { CANVAS } from "./design-system";
import type { IconSpec, PathSeg, Shape } from "./icon-spec";
import type { Point } from "./svg-geometry";

function scalePoint(p: Point, k: number): Point {
  const { x: cx, y: cy } = CANVAS.centre;
  return { x: cx + (p.x - cx) * k, y: cy + (p.y - cy) * k };
}

function scaleShape(s: Shape, k: number): Shape {
  const m = (p: Point) => scalePoint(p, k);
  switch (s.kind) {
    case "line":
    case "rect":
      return { ...s, a: m(s.a), b: m(s.b) };
    case "polyline":
    case "polygon":
      return { ...s, pts: s.pts.map(m) };
    case "circle":
      return { kind: "circle", c: m(s.c), r: s.r * k };
    case "ellipse":
      return { kind: "ellipse", c: m(s.c), rx: s.rx * k, ry: s.ry * k };
    case "path":
      return {
        kind: "path",
        segs: s.segs.map((seg): PathSeg => {
          switch (seg.c) {
            case "Z":
              return seg;
            case "Q":
              return { c: "Q", k: m(seg.k), p: m(seg.p) };
            case "C":
              return { c: "C", k1: m(seg.k1), k2: m(seg.k2), p: m(seg.p) };
            case "A":
              return { ...seg, r: seg.r * k, p: m(seg.p) };
            default:
              return { c: seg.c, p: m(seg.p) };
          }
        }),
      };
  }
}

export function scaleSpec(spec: IconSpec, k: number): IconSpec {
  const all = (shapes?: Shape[]) => shapes?.map((s) => scaleShape(s, k));
  const out: IconSpec = { title: spec.title, grips: spec.grips.map((p) => scalePoint(p, k)) };
  if (spec.guide) out.guide = all(spec.guide);
  if (spec.context) out.context = all(spec.context);
  if (spec.primary) out.primary = all(spec.primary);
  return out;
}
