/**
 * A point-based icon description and its rendering to design-system SVG. Browser-safe.
 *
 * Public API:
 * - `Shape`, `IconSpec` — geometry per layer plus grip points, in canvas units.
 * - `orientSpec(spec, quarterTurns, mirror)`, `scaleSpec(spec, k)` — rotates/mirrors or scales an icon about the canvas centre
 *   (the safe area is a centred square, so the result stays inside it).
 * - `renderIconSvg(spec, toolType, palette)` — the SVG text, one `<g id>` per required layer.
 * - `fmt(n)` — numbers as written into SVG (two decimals at most).
 */
import {
  CANVAS,
  GRIP,
  LAYER_STYLES,
  type LayerName,
  type Palette,
  TOOL_TYPE_LAYERS,
  type ToolType,
} from "./design-system";
import type { Point } from "./svg-geometry";

export type PathSeg =
  | { c: "M" | "L"; p: Point }
  | { c: "Q"; k: Point; p: Point }
  | { c: "C"; k1: Point; k2: Point; p: Point }
  | { c: "A"; r: number; large: boolean; sweep: boolean; p: Point }
  | { c: "Z" };

export type Shape =
  | { kind: "line"; a: Point; b: Point }
  | { kind: "polyline" | "polygon"; pts: Point[] }
  | { kind: "rect"; a: Point; b: Point }
  | { kind: "circle"; c: Point; r: number }
  | { kind: "ellipse"; c: Point; rx: number; ry: number }
  | { kind: "path"; segs: PathSeg[] };

export interface IconSpec {
  title: string;
  guide?: Shape[];
  context?: Shape[];
  primary?: Shape[];
  grips: Point[];
}

export function fmt(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

const pt = (p: Point) => `${fmt(p.x)},${fmt(p.y)}`;

function mapPoint(p: Point, turns: number, mirror: boolean): Point {
  const { x: cx, y: cy } = CANVAS.centre;
  let x = mirror ? 2 * cx - p.x : p.x;
  let y = p.y;
  for (let i = 0; i < turns % 4; i++) [x, y] = [cx + cy - y, cy - cx + x];
  return { x, y };
}

/**
 * A similarity map of the canvas: `point` moves points, lengths (radii) scale by `scale`, a
 * quarter turn swaps an ellipse's axes, and a reflection reverses every arc's turning direction.
 */
interface SpecMap {
  readonly point: (p: Point) => Point;
  readonly scale: number;
  readonly swapAxes: boolean;
  readonly mirror: boolean;
}

function mapShape(s: Shape, t: SpecMap): Shape {
  const m = t.point;
  switch (s.kind) {
    case "line":
    case "rect":
      return { ...s, a: m(s.a), b: m(s.b) };
    case "polyline":
    case "polygon":
      return { ...s, pts: s.pts.map(m) };
    case "circle":
      return { kind: "circle", c: m(s.c), r: s.r * t.scale };
    case "ellipse": {
      const [rx, ry] = t.swapAxes ? [s.ry, s.rx] : [s.rx, s.ry];
      return { kind: "ellipse", c: m(s.c), rx: rx * t.scale, ry: ry * t.scale };
    }
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
              return { ...seg, r: seg.r * t.scale, sweep: t.mirror ? !seg.sweep : seg.sweep, p: m(seg.p) };
            default:
              return { c: seg.c, p: m(seg.p) };
          }
        }),
      };
  }
}

function mapSpec(spec: IconSpec, t: SpecMap): IconSpec {
  const all = (shapes?: Shape[]) => shapes?.map((s) => mapShape(s, t));
  const out: IconSpec = { title: spec.title, grips: spec.grips.map(t.point) };
  if (spec.guide) out.guide = all(spec.guide);
  if (spec.context) out.context = all(spec.context);
  if (spec.primary) out.primary = all(spec.primary);
  return out;
}

export function orientSpec(spec: IconSpec, quarterTurns: number, mirror: boolean): IconSpec {
  return mapSpec(spec, {
    point: (p) => mapPoint(p, quarterTurns, mirror),
    scale: 1,
    swapAxes: quarterTurns % 2 === 1,
    mirror,
  });
}

/** Uniform scaling about the canvas centre; by at most 1 a drawing inside the safe area stays there. */
export function scaleSpec(spec: IconSpec, k: number): IconSpec {
  const { x: cx, y: cy } = CANVAS.centre;
  return mapSpec(spec, {
    point: (p) => ({ x: cx + (p.x - cx) * k, y: cy + (p.y - cy) * k }),
    scale: k,
    swapAxes: false,
    mirror: false,
  });
}

export function pathData(segs: readonly PathSeg[]): string {
  return segs
    .map((s) => {
      switch (s.c) {
        case "Z":
          return "Z";
        case "Q":
          return `Q ${pt(s.k)} ${pt(s.p)}`;
        case "C":
          return `C ${pt(s.k1)} ${pt(s.k2)} ${pt(s.p)}`;
        case "A":
          return `A ${fmt(s.r)},${fmt(s.r)} 0 ${s.large ? 1 : 0} ${s.sweep ? 1 : 0} ${pt(s.p)}`;
        default:
          return `${s.c} ${pt(s.p)}`;
      }
    })
    .join(" ");
}

function shapeSvg(s: Shape): string {
  switch (s.kind) {
    case "line":
      return `<line x1="${fmt(s.a.x)}" y1="${fmt(s.a.y)}" x2="${fmt(s.b.x)}" y2="${fmt(s.b.y)}"/>`;
    case "polyline":
    case "polygon":
      return `<${s.kind} points="${s.pts.map(pt).join(" ")}"/>`;
    case "rect": {
      const x = Math.min(s.a.x, s.b.x);
      const y = Math.min(s.a.y, s.b.y);
      return `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(Math.abs(s.b.x - s.a.x))}" height="${fmt(Math.abs(s.b.y - s.a.y))}"/>`;
    }
    case "circle":
      return `<circle cx="${fmt(s.c.x)}" cy="${fmt(s.c.y)}" r="${fmt(s.r)}"/>`;
    case "ellipse":
      return `<ellipse cx="${fmt(s.c.x)}" cy="${fmt(s.c.y)}" rx="${fmt(s.rx)}" ry="${fmt(s.ry)}"/>`;
    case "path":
      return `<path d="${pathData(s.segs)}"/>`;
  }
}

function layerOpen(layer: LayerName, palette: Palette): string {
  const style = LAYER_STYLES[layer];
  const width = `stroke-width="${style.strokeWidth}"`;
  switch (layer) {
    case "Guide":
      return `<g id="Guide" fill="none" stroke="${palette.guide}" ${width} stroke-dasharray="${style.dashArray?.join(" ")}">`;
    case "Context":
      return `<g id="Context" fill="none" stroke="${palette.context}" ${width}>`;
    case "Primary":
      return `<g id="Primary" fill="none" stroke="${palette.primary}" ${width} stroke-linecap="round" stroke-linejoin="round">`;
    case "Grips":
      return `<g id="Grips" fill="${palette.gripFill}" stroke="${palette.gripStroke}" ${width}>`;
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function renderIconSvg(spec: IconSpec, toolType: ToolType, palette: Palette): string {
  const content: Record<LayerName, string[]> = {
    Guide: (spec.guide ?? []).map(shapeSvg),
    Context: (spec.context ?? []).map(shapeSvg),
    Primary: (spec.primary ?? []).map(shapeSvg),
    Grips: spec.grips.map(
      (g) =>
        `<rect x="${fmt(g.x - GRIP.half)}" y="${fmt(g.y - GRIP.half)}" width="${GRIP.size}" height="${GRIP.size}"/>`,
    ),
  };
  const layers = TOOL_TYPE_LAYERS[toolType].map(
    (layer) => `${layerOpen(layer, palette)}\n${content[layer].map((s) => `  ${s}`).join("\n")}\n</g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${CANVAS.viewBox}" width="${CANVAS.size}" height="${CANVAS.size}">`,
    `<title>${escapeText(spec.title)}</title>`,
    ...layers,
    "</svg>",
  ].join("\n");
}
