/**
 * View tools (zoom, pan, orbit, grid, snap) as ANALYSIS icons: Context + Grips. They change how
 * the model is seen, never the model, so like measuring they have no Primary layer
 * (docs/design-system.md#tool-types). Browser-safe.
 */
import type { Builder } from "./builder-types";
import { P, polar } from "./geometry-helpers";
import type { Shape } from "./icon-spec";
import { arc, arrowhead, box, C, closed, ring, seg } from "./shape-helpers";
import type { Point } from "./svg-geometry";

const zoom: Builder = (k, c) => {
  const factor = k("factor");
  const half = 11 / factor;
  const inner = [P(16 - half, 16 - half), P(16 + half, 16 + half)] as const;
  if (c === 1) {
    const lens = P(13, 13);
    const r = 8;
    const s = 6 / factor;
    return {
      title: `Zoom in ×${factor}`,
      context: [
        ring(lens, r),
        seg(polar(lens, r, -45), P(27, 27)),
        seg(P(13 - s, 13), P(13 + s, 13)),
        seg(P(13, 13 - s), P(13, 13 + s)),
      ],
      grips: [P(27, 27)],
    };
  }
  const outer = box(P(5, 5), P(27, 27));
  const context: Shape[] = [outer, box(inner[0], inner[1])];
  if (c === 2)
    context.push(
      seg(P(5, 5), inner[0]),
      seg(P(27, 5), P(inner[1].x, inner[0].y)),
      seg(P(5, 27), P(inner[0].x, inner[1].y)),
      seg(P(27, 27), inner[1]),
    );
  else context.push(seg(inner[1], P(27, 27)));
  return { title: `Zoom window ×${factor}`, context, grips: [inner[0], inner[1]] };
};

const pan: Builder = (k, c) => {
  const d = k("distance");
  if (c === 1) {
    const from = box(P(5, 14), P(15, 24));
    const to = box(P(5 + d, 14 - d / 2), P(15 + d, 24 - d / 2));
    return {
      title: `Pan the view by ${d}`,
      context: [from, to, seg(P(10, 19), P(10 + d, 19 - d / 2)), arrowhead(P(10 + d, 19 - d / 2), P(10, 19))],
      grips: [P(10, 19), P(10 + d, 19 - d / 2)],
    };
  }
  const arms = c === 2 ? [0, 180] : [0, 90, 180, 270];
  const context = arms.flatMap((a) => [seg(C, polar(C, d, a)), arrowhead(polar(C, d, a), C)]);
  return { title: c === 2 ? "Pan sideways" : "Pan in any direction", context, grips: [C, polar(C, d, 0)] };
};

const orbit: Builder = (k, c) => {
  const angle = k("angle");
  const cube = [P(12, 13), P(20, 13), P(20, 20), P(12, 20)];
  const end = polar(C, 11, 200 + angle);
  const track: Shape[] = [arc(C, 11, 200, 200 + angle), arrowhead(end, polar(C, 11, 200 + angle - 20))];
  if (c === 1)
    return {
      title: `Constrained orbit ${angle}°`,
      context: [closed(cube), ...track, seg(P(16, 4), P(16, 11))],
      grips: [polar(C, 11, 200), end],
    };
  if (c === 2)
    return {
      title: `Orbit around a pivot ${angle}°`,
      context: [seg(P(14, 16), P(18, 16)), seg(P(16, 14), P(16, 18)), ...track],
      grips: [C, end],
    };
  return {
    title: `Free orbit ${angle}°`,
    context: [closed(cube), ...track],
    grips: [polar(C, 11, 200), end],
  };
};

function gridLines(spacing: number): Shape[] {
  const out: Shape[] = [];
  for (let x = 16 - Math.floor(12 / spacing) * spacing; x <= 28; x += spacing)
    out.push(seg(P(x, 4), P(x, 28)));
  for (let y = 16 - Math.floor(12 / spacing) * spacing; y <= 28; y += spacing)
    out.push(seg(P(4, y), P(28, y)));
  return out;
}

/** Grid positions through the centre whose dots (radius 0.5) stay inside the safe area. */
function dotRange(spacing: number): number[] {
  const out: number[] = [];
  for (let v = 16 - Math.floor(11.5 / spacing) * spacing; v <= 27.5; v += spacing) out.push(v);
  return out;
}

const grid: Builder = (k, c) => {
  const spacing = k("spacing");
  if (c === 1) {
    const dots: Shape[] = [];
    for (const x of dotRange(spacing)) for (const y of dotRange(spacing)) dots.push(ring(P(x, y), 0.5));
    return { title: `Dot grid, spacing ${spacing}`, context: dots, grips: [C] };
  }
  const lines = gridLines(spacing);
  if (c === 2)
    return {
      title: `Grid with origin, spacing ${spacing}`,
      context: [...lines, ring(C, 2)],
      grips: [C, P(16 + spacing, 16)],
    };
  return { title: `Grid, spacing ${spacing}`, context: lines, grips: [C] };
};

const snap: Builder = (k, c) => {
  const spacing = k("spacing");
  const target = P(16 + spacing, 16 - spacing);
  const cursor = (p: Point): Shape[] => [
    seg(P(p.x - 5, p.y), P(p.x + 5, p.y)),
    seg(P(p.x, p.y - 5), P(p.x, p.y + 5)),
  ];
  if (c === 1) {
    const a = P(6, 24);
    const b = P(16 + spacing, 16 - spacing);
    return {
      title: "Snap to an endpoint",
      context: [seg(a, b), box(P(b.x - 2, b.y - 2), P(b.x + 2, b.y + 2)), ...cursor(b)],
      grips: [b],
    };
  }
  if (c === 2) {
    const a = P(6, 24);
    const b = P(26, 24 - spacing * 2);
    const m = P((a.x + b.x) / 2, (a.y + b.y) / 2);
    return {
      title: "Snap to a midpoint",
      context: [
        seg(a, b),
        closed([P(m.x, m.y - 2.5), P(m.x + 2.2, m.y + 1.3), P(m.x - 2.2, m.y + 1.3)]),
        ...cursor(m),
      ],
      grips: [m],
    };
  }
  const dots: Shape[] = [];
  for (const x of dotRange(spacing)) for (const y of dotRange(spacing)) dots.push(ring(P(x, y), 0.5));
  return {
    title: `Snap to a grid, spacing ${spacing}`,
    context: [...dots, ...cursor(target)],
    grips: [target],
  };
};

export const VIEW_BUILDERS = { zoom, pan, orbit, grid, snap } as const;
