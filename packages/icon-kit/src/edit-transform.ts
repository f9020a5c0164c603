/**
 * MODIFICATION builders that transform objects (Context + Primary + Grips): mirror, rotate,
 * scale, move, copy, align, stretch, explode. Context is the object before, Primary after.
 * Browser-safe.
 */
import type { Builder } from "./builder-types";
import { lerp, P, polar, rotateAbout } from "./geometry-helpers";
import { arc, arrowhead, box, C, closed, poly, regular, ring, seg } from "./shape-helpers";
import type { Point } from "./svg-geometry";

const mirror: Builder = (k, c) => {
  const angle = k("angle");
  const axisA = polar(C, 12, angle + 180);
  const axisB = polar(C, 12, angle);
  const flip = (p: Point) => {
    const t = (angle * 2 * Math.PI) / 180;
    const dx = p.x - 16;
    const dy = 16 - p.y;
    return P(16 + dx * Math.cos(t) + dy * Math.sin(t), 16 - (dx * Math.sin(t) - dy * Math.cos(t)));
  };
  const shape = [polar(C, 4, angle + 150), polar(C, 10, angle + 120), polar(C, 9, angle + 160)];
  const mirrored = shape.map(flip);
  if (c === 2)
    return {
      title: "Mirror in place",
      context: [seg(axisA, axisB), closed(shape), arc(C, 6, angle + 120, angle + 240)],
      primary: [closed(mirrored)],
      grips: [polar(C, 9, angle + 180), polar(C, 9, angle)],
    };
  const context =
    c === 1
      ? [seg(axisA, axisB), closed(shape), ...shape.map((p, i) => seg(p, mirrored[i] as Point))]
      : [seg(axisA, axisB), closed(shape)];
  return {
    title: `Mirror across a line at ${angle}°`,
    context,
    primary: [closed(mirrored)],
    grips: [polar(C, 10, angle + 180), polar(C, 10, angle)],
  };
};

const rotate: Builder = (k, c) => {
  const angle = k("angle");
  // The pivot sits low so the part has room to swing through up to 180°.
  const pivot = P(16, 20);
  const rect = [pivot, P(26.5, 20), P(26.5, 15), P(16, 15)];
  const turned = rect.map((p) => rotateAbout(p, pivot, angle));
  const far = rect[1] as Point;
  const farTurned = turned[1] as Point;
  const sweepArc = arc(pivot, 11, 0, angle);
  if (c === 1)
    return {
      title: `Rotate by reference to ${angle}°`,
      context: [closed(rect), sweepArc, seg(pivot, P(26.5, 20))],
      primary: [closed(turned), seg(pivot, farTurned)],
      grips: [pivot, far, farTurned],
    };
  if (c === 2)
    return {
      title: `Rotate a copy by ${angle}°`,
      context: [sweepArc],
      primary: [closed(rect), closed(turned)],
      grips: [pivot, farTurned],
    };
  return {
    title: `Rotate by ${angle}°`,
    context: [closed(rect), sweepArc],
    primary: [closed(turned)],
    grips: [pivot, far, farTurned],
  };
};

function square(corner: Point, size: number): Point[] {
  return [
    corner,
    P(corner.x + size, corner.y),
    P(corner.x + size, corner.y - size),
    P(corner.x, corner.y - size),
  ];
}

const scale: Builder = (k, c) => {
  const factor = k("factor");
  const base = P(5, 27);
  const big = 22;
  const small = big / factor;
  const context = [closed(square(base, small)), seg(base, P(base.x + big, base.y - big))];
  if (c === 1)
    return {
      title: `Scale by reference length`,
      context: [...context, seg(P(base.x, base.y + 0), P(base.x + small, base.y))],
      primary: [closed(square(base, big))],
      grips: [base, P(base.x + small, base.y), P(base.x + big, base.y)],
    };
  if (c === 2)
    return {
      title: `Scale a copy by ${factor}`,
      context: [seg(base, P(base.x + big, base.y - big))],
      primary: [closed(square(base, small)), closed(square(base, big))],
      grips: [base, P(base.x + big, base.y - big)],
    };
  return {
    title: `Scale by ${factor}`,
    context,
    primary: [closed(square(base, big))],
    grips: [base, P(base.x + small, base.y - small), P(base.x + big, base.y - big)],
  };
};

const move: Builder = (k, c) => {
  const d = k("distance");
  const r = 4;
  const from = P(9, 23);
  const to = polar(from, d, 45);
  if (c === 1)
    return {
      title: `Move by a displacement of ${d}`,
      context: [ring(from, r), seg(P(from.x, from.y), P(to.x, from.y)), seg(P(to.x, from.y), to)],
      primary: [ring(to, r)],
      grips: [from, to],
    };
  if (c === 2) {
    const bend = P(from.x + d * 0.2, to.y + 2);
    return {
      title: "Move along a path",
      context: [ring(from, r), poly([from, bend, to])],
      primary: [ring(to, r), arrowhead(polar(to, r, 225), bend)],
      grips: [from, bend, to],
    };
  }
  return {
    title: `Move by ${d}`,
    context: [ring(from, r), seg(from, to)],
    primary: [ring(to, r)],
    grips: [from, to],
  };
};

const copy: Builder = (k, c) => {
  const n = k("count");
  const r = 3.5;
  const from = P(8, 24);
  const step = 16 / n;
  const copies = Array.from({ length: n }, (_, i) => polar(from, step * (i + 1), 45));
  const last = copies[n - 1] as Point;
  const primary = copies.map((p) => (c === 2 ? closed(regular(p, r, 4, 45)) : ring(p, r)));
  const context =
    c === 1
      ? [
          ring(from, r),
          seg(from, last),
          seg(P(from.x - r, from.y + r + 0.5), P(last.x - r, last.y + r + 0.5)),
        ]
      : [c === 2 ? closed(regular(from, r, 4, 45)) : ring(from, r), seg(from, last)];
  return { title: `Copy ${n} times`, context, primary, grips: [from, last] };
};

const align: Builder = (k, c) => {
  const angle = k("angle");
  const rad = (angle * Math.PI) / 180;
  const t0 = P(5, 27);
  const t1 = polar(t0, Math.min(22 / Math.cos(rad), 22 / Math.sin(rad)), angle);
  const dir = angle;
  // The aligned copy sits on the side of the target line that has room.
  const side = dir > 45 ? dir - 90 : dir + 90;
  const src = [P(16, 13), P(24, 13), P(24, 9), P(16, 9)];
  const a0 = lerp(t0, t1, 0.35);
  const aligned = [a0, polar(a0, 8, dir), polar(polar(a0, 8, dir), 4, side), polar(a0, 4, side)];
  const context = c === 1 ? [seg(t0, t1), closed(src), seg(src[0] as Point, a0)] : [seg(t0, t1), closed(src)];
  const grips = c === 2 ? [src[0] as Point, src[1] as Point, a0, aligned[1] as Point] : [src[0] as Point, a0];
  return { title: `Align to a line at ${dir}°`, context, primary: [closed(aligned)], grips };
};

const stretch: Builder = (k, c) => {
  const d = k("distance");
  const before = [P(5, 24), P(5, 12), P(14, 12), P(14, 24)];
  const after = [P(5, 24), P(5, 12), P(14 + d, 12), P(14 + d, 24)];
  const window = box(P(11, 9), P(17, 27));
  const base = P(14, 18);
  const context = c === 1 ? [closed(before), window, seg(base, P(14 + d, 18))] : [closed(before), window];
  const primary = c === 2 ? [poly([P(5, 12), P(14 + d, 12), P(14 + d, 24), P(5, 24)])] : [closed(after)];
  return { title: `Stretch by ${d}`, context, primary, grips: [P(14, 24), P(14 + d, 24)] };
};

const explode: Builder = (k, c) => {
  const gap = k("gap");
  const n = c === 1 ? 6 : 4;
  const outline = regular(C, 8, n, c === 1 ? 90 : 45);
  const edges = outline.map((p, i) => {
    const q = outline[(i + 1) % n] as Point;
    const out = lerp(C, lerp(p, q, 0.5), 1 + gap / 6);
    const shift = P(out.x - lerp(p, q, 0.5).x, out.y - lerp(p, q, 0.5).y);
    return seg(
      P(lerp(p, q, 0.12).x + shift.x, lerp(p, q, 0.12).y + shift.y),
      P(lerp(p, q, 0.88).x + shift.x, lerp(p, q, 0.88).y + shift.y),
    );
  });
  const context =
    c === 2 ? [closed(outline), seg(outline[0] as Point, outline[2] as Point)] : [closed(outline)];
  const ends = edges.map((e) => (e.kind === "line" ? e.a : C));
  return { title: `Explode into ${n} pieces`, context, primary: edges, grips: ends.slice(0, 2) };
};

export const TRANSFORM_BUILDERS = { mirror, rotate, scale, move, copy, align, stretch, explode } as const;
