/**
 * Geometry of SVG shape elements for the design-rule checker. Browser-safe.
 *
 * Public API:
 * - `SHAPE_TAGS` — the geometry elements understood (line, polyline, polygon, rect, circle, ellipse, path).
 * - `shapeToPathData(el)` — the element's outline as path data in its own user space.
 * - `samplePath(d)` — the path flattened to polylines (arcs and Béziers sampled), one per subpath.
 * - `elementPolylines(el)` — `samplePath` after applying the element's and its ancestors' transforms.
 * - `boundsOf(polylines)`, `distanceToPolylines(point, polylines)`.
 */
import type { Element } from "@xmldom/xmldom";
import svgpath from "svgpath";

export interface Point {
  x: number;
  y: number;
}
export type Polyline = Point[];
export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const SHAPE_TAGS: ReadonlySet<string> = new Set([
  "line",
  "polyline",
  "polygon",
  "rect",
  "circle",
  "ellipse",
  "path",
]);

// 24 samples per curve keeps the chord error far below the 0.5-unit grip tolerance at icon scale.
const CURVE_SAMPLES = 24;

function num(el: Element, name: string): number {
  const value = Number.parseFloat(el.getAttribute(name) ?? "");
  return Number.isFinite(value) ? value : 0;
}

function pointList(el: Element): number[] {
  return (el.getAttribute("points") ?? "")
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
}

export function shapeToPathData(el: Element): string {
  switch (el.localName) {
    case "line":
      return `M${num(el, "x1")} ${num(el, "y1")}L${num(el, "x2")} ${num(el, "y2")}`;
    case "polyline":
    case "polygon": {
      const coords = pointList(el);
      const pairs: string[] = [];
      for (let i = 0; i + 1 < coords.length; i += 2) pairs.push(`${coords[i]} ${coords[i + 1]}`);
      if (pairs.length === 0) return "";
      return `M${pairs.join("L")}${el.localName === "polygon" ? "Z" : ""}`;
    }
    case "rect": {
      const [x, y, w, h] = [num(el, "x"), num(el, "y"), num(el, "width"), num(el, "height")];
      return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
    }
    case "circle":
    case "ellipse": {
      const [cx, cy] = [num(el, "cx"), num(el, "cy")];
      const rx = el.localName === "circle" ? num(el, "r") : num(el, "rx");
      const ry = el.localName === "circle" ? num(el, "r") : num(el, "ry");
      return `M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;
    }
    case "path":
      return el.getAttribute("d") ?? "";
    default:
      return "";
  }
}

function lerpQuad(p0: Point, p1: Point, p2: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x,
    y: u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y,
  };
}

function lerpCubic(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
    y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
  };
}

/** Flattens path data (any commands, absolute or relative) into one polyline per subpath. */
export function samplePath(d: string, transform = ""): Polyline[] {
  const lines: Polyline[] = [];
  let current: Polyline = [];
  let start: Point = { x: 0, y: 0 };
  const flush = () => {
    if (current.length > 0) lines.push(current);
    current = [];
  };
  let path = svgpath(d);
  if (transform) path = path.transform(transform);
  path
    .abs()
    .unshort()
    .unarc()
    .iterate((seg, _index, x, y) => {
      const from = { x, y };
      const cmd = seg[0];
      if (cmd === "M") {
        flush();
        start = { x: seg[1], y: seg[2] };
        current.push(start);
        return;
      }
      if (current.length === 0) current.push(from);
      if (cmd === "L") current.push({ x: seg[1], y: seg[2] });
      else if (cmd === "H") current.push({ x: seg[1], y });
      else if (cmd === "V") current.push({ x, y: seg[1] });
      else if (cmd === "Z" || cmd === "z") current.push(start);
      else if (cmd === "Q") {
        const c = { x: seg[1], y: seg[2] };
        const e = { x: seg[3], y: seg[4] };
        for (let i = 1; i <= CURVE_SAMPLES; i++) current.push(lerpQuad(from, c, e, i / CURVE_SAMPLES));
      } else if (cmd === "C") {
        const c1 = { x: seg[1], y: seg[2] };
        const c2 = { x: seg[3], y: seg[4] };
        const e = { x: seg[5], y: seg[6] };
        for (let i = 1; i <= CURVE_SAMPLES; i++) {
          current.push(lerpCubic(from, c1, c2, e, i / CURVE_SAMPLES));
        }
      }
    });
  flush();
  return lines;
}

/** Transforms from the element outwards: the element's own transform applies first. */
function transformChain(el: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node; node = node.parentNode as Element | null) {
    if (node.nodeType !== node.ELEMENT_NODE) break;
    const t = node.getAttribute("transform");
    if (t) parts.unshift(t);
  }
  return parts.join(" ");
}

export function elementPolylines(el: Element): Polyline[] {
  const d = shapeToPathData(el);
  if (!d) return [];
  return samplePath(d, transformChain(el));
}

export function boundsOf(lines: readonly Polyline[]): Bounds | null {
  let b: Bounds | null = null;
  for (const line of lines) {
    for (const p of line) {
      if (!b) b = { minX: p.x, minY: p.y, maxX: p.x, maxY: p.y };
      else {
        b.minX = Math.min(b.minX, p.x);
        b.minY = Math.min(b.minY, p.y);
        b.maxX = Math.max(b.maxX, p.x);
        b.maxY = Math.max(b.maxY, p.y);
      }
    }
  }
  return b;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

export function distanceToPolylines(p: Point, lines: readonly Polyline[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.length === 1 && line[0]) best = Math.min(best, Math.hypot(p.x - line[0].x, p.y - line[0].y));
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1];
      const b = line[i];
      if (a && b) best = Math.min(best, distanceToSegment(p, a, b));
    }
  }
  return best;
}
