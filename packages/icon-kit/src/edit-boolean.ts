/**
 * MODIFICATION builders for boolean operations on two regions (Context + Primary + Grips):
 * union, subtract, intersect. Context is the two overlapping circles, Primary the result's
 * outline, drawn from exact circle arcs. Browser-safe.
 */
import type { Builder } from "./builder-types";
import { P } from "./geometry-helpers";
import type { IconSpec, PathSeg, Shape } from "./icon-spec";
import { arc, path, ring } from "./shape-helpers";
import type { Point } from "./svg-geometry";

type Op = "union" | "subtract" | "intersect";

function layout(spacing: number) {
  const r = Math.min(8, 12 - spacing / 2);
  const d = spacing / 2;
  const h = Math.sqrt(r * r - d * d);
  return { r, a: P(16 - d, 16), b: P(16 + d, 16), top: P(16, 16 - h), bottom: P(16, 16 + h) };
}

function outline(op: Op, spacing: number): PathSeg[] {
  const { r, top, bottom } = layout(spacing);
  const arcTo = (large: boolean, sweep: boolean, p: Point): PathSeg => ({ c: "A", r, large, sweep, p });
  switch (op) {
    case "union":
      return [{ c: "M", p: top }, arcTo(true, false, bottom), arcTo(true, false, top), { c: "Z" }];
    case "subtract":
      return [{ c: "M", p: top }, arcTo(true, false, bottom), arcTo(false, true, top), { c: "Z" }];
    case "intersect":
      return [{ c: "M", p: top }, arcTo(false, true, bottom), arcTo(false, true, top), { c: "Z" }];
  }
}

const TITLES: Record<Op, string> = {
  union: "Boolean union of two regions",
  subtract: "Subtract one region from another",
  intersect: "Intersect two regions",
};

function boolean(op: Op): Builder {
  return (k, c): IconSpec => {
    const spacing = k("spacing");
    const { r, a, b, top, bottom } = layout(spacing);
    const left = P(a.x - r, 16);
    const right = P(b.x + r, 16);
    const primary = [path(outline(op, spacing))];
    // The result only: Context keeps the arcs the operation removes.
    if (c === 1) {
      const angle = (Math.atan2(16 - top.y, 16 - a.x) * 180) / Math.PI;
      const removed: Shape[] =
        op === "union"
          ? [arc(a, r, -angle, angle), arc(b, r, 180 - angle, 180 + angle)]
          : op === "subtract"
            ? [arc(b, r, -(180 - angle), 180 - angle)]
            : [arc(a, r, angle, 360 - angle), arc(b, r, -(180 - angle), 180 - angle)];
      return {
        title: TITLES[op],
        context: removed,
        primary,
        grips: op === "intersect" ? [top, bottom] : [left],
      };
    }
    const grips = c === 2 ? [op === "subtract" ? right : left] : [left, right];
    return { title: TITLES[op], context: [ring(a, r), ring(b, r)], primary, grips };
  };
}

export const BOOLEAN_BUILDERS = {
  union: boolean("union"),
  subtract: boolean("subtract"),
  intersect: boolean("intersect"),
} as const;
