/**
 * Deterministic repair of small design-rule slips in an already sanitised SVG. Pure and
 * browser-safe (@xmldom/xmldom, svgpath): the API uses it on model output before asking the
 * model again, and a browser may use it on uploads.
 *
 * Public API:
 * - `repairSvg(svg, { colorMode, toolType? }) => { svg, repairs }` — `repairs` says in words what
 *   was changed (empty: the input is returned unchanged). Never throws: unparseable input comes
 *   back as it was.
 * - `SNAP_TOLERANCE` — how far (user units) a grip may sit off its geometry and still be snapped.
 *
 * Conservative by design: it only restyles layers, moves grips a short way, converts small
 * grip shapes to the grip square and fits geometry that already lies on the canvas into the safe
 * area. It never removes an element, never invents a layer or geometry, and never touches
 * anything it cannot reason about (transforms on grips or geometry, `<use>`, `<defs>`); the caller
 * re-checks the result, so a repair that is not enough simply does not pass. It does not
 * sanitise either: sanitising is the caller's first step.
 *
 * Parts: repair-style.ts (layer styles), repair-fit.ts (safe area), repair-dom.ts (shared helpers).
 */
import { DOMParser, type Element, XMLSerializer } from "@xmldom/xmldom";
import { GRIP_TOLERANCE } from "./design-check";
import {
  type ColorMode,
  GRIP,
  LAYER_ORDER,
  type LayerName,
  paletteFor,
  type ToolType,
} from "./design-system";
import { descendants, gripCentre, hasTransform, moveGrip, round } from "./repair-dom";
import { fitSafeArea } from "./repair-fit";
import { normaliseLayer } from "./repair-style";
import { elementPolylines, type Point, type Polyline, SHAPE_TAGS } from "./svg-geometry";
import { childElements } from "./svg-parse";

export interface RepairOptions {
  colorMode: ColorMode;
  toolType?: ToolType;
}

export interface RepairResult {
  svg: string;
  repairs: string[];
}

export const SNAP_TOLERANCE = 2;

function layerOf(el: Element): LayerName | null {
  const id = el.getAttribute("id") ?? "";
  return LAYER_ORDER.find((name) => id === name || id.endsWith(`-${name}`)) ?? null;
}

/** A small round or square grip becomes the 2×2 grip square on the same centre. */
function squareGrip(el: Element): Element | null {
  const num = (name: string) => Number.parseFloat(el.getAttribute(name) ?? "");
  let centre: Point;
  let size: number;
  if (el.localName === "rect") {
    centre = { x: num("x") + num("width") / 2, y: num("y") + num("height") / 2 };
    size = Math.max(num("width"), num("height"));
  } else if (el.localName === "circle") {
    centre = { x: num("cx"), y: num("cy") };
    size = 2 * num("r");
  } else return null;
  if (![centre.x, centre.y, size].every(Number.isFinite) || size <= 0 || size > 2 * GRIP.size) return null;
  if (el.localName === "rect" && num("width") === GRIP.size && num("height") === GRIP.size) return null;
  const doc = el.ownerDocument;
  if (!doc) return null;
  const rect = doc.createElementNS(el.namespaceURI, "rect");
  for (const a of Array.from(el.attributes)) {
    if (!["cx", "cy", "r", "x", "y", "width", "height", "rx", "ry"].includes(a.name)) {
      rect.setAttribute(a.name, a.value);
    }
  }
  rect.setAttribute("x", String(round(centre.x - GRIP.half)));
  rect.setAttribute("y", String(round(centre.y - GRIP.half)));
  rect.setAttribute("width", String(GRIP.size));
  rect.setAttribute("height", String(GRIP.size));
  el.parentNode?.replaceChild(rect, el);
  return rect;
}

function nearestOnPolylines(p: Point, lines: readonly Polyline[]): { point: Point; distance: number } {
  let best = { point: p, distance: Number.POSITIVE_INFINITY };
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const a = line[i] as Point;
      const b = line[i + 1] ?? a;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
      const q = { x: a.x + t * dx, y: a.y + t * dy };
      const distance = Math.hypot(p.x - q.x, p.y - q.y);
      if (distance < best.distance) best = { point: q, distance };
    }
  }
  return best;
}

function visibleGeometry(layers: Map<LayerName, Element>): Polyline[] {
  const lines: Polyline[] = [];
  for (const name of ["Context", "Primary"] as const) {
    const group = layers.get(name);
    if (!group) continue;
    for (const el of descendants(group)) {
      if (!SHAPE_TAGS.has(el.localName ?? "")) continue;
      const hidden = [el, ...ancestorsWithin(el, group)].some(
        (n) => n.getAttribute("display") === "none" || n.getAttribute("visibility") === "hidden",
      );
      if (!hidden) lines.push(...elementPolylines(el));
    }
  }
  return lines;
}

function ancestorsWithin(el: Element, group: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.parentNode as Element | null; n && n !== group; n = n.parentNode as Element | null)
    out.push(n);
  return [...out, group];
}

export function repairSvg(svg: string, options: RepairOptions): RepairResult {
  let root: Element;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new Error(message);
      },
    }).parseFromString(svg, "image/svg+xml");
    root = doc.documentElement as Element;
    if (root?.localName !== "svg") return { svg, repairs: [] };
  } catch {
    return { svg, repairs: [] };
  }
  const layers = new Map<LayerName, Element>();
  for (const child of childElements(root)) {
    const name = child.localName === "g" ? layerOf(child) : null;
    // A duplicated layer is a structural error the model has to resolve, not a style slip.
    if (name && layers.has(name)) return { svg, repairs: [] };
    if (name) layers.set(name, child);
  }
  const repairs: string[] = [];
  const palette = paletteFor(options.colorMode);
  const restyled = [...layers].filter(([name, group]) => normaliseLayer(group, name, palette));
  if (restyled.length > 0) {
    repairs.push(`Normalised the layer styles of ${restyled.map(([name]) => name).join(", ")}.`);
  }
  const gripLayer = layers.get("Grips");
  const squared = gripLayer
    ? descendants(gripLayer).filter((el) => !hasTransform(el, root) && squareGrip(el) !== null).length
    : 0;
  if (squared > 0) repairs.push(`Made ${squared} grip(s) ${GRIP.size}×${GRIP.size} squares.`);
  if (fitSafeArea(root, layers)) repairs.push("Fitted the drawing into the safe area.");
  const geometry = visibleGeometry(layers);
  let snapped = 0;
  for (const grip of gripLayer ? descendants(gripLayer) : []) {
    if (grip.localName !== "rect" || hasTransform(grip, root) || geometry.length === 0) continue;
    const { point, distance } = nearestOnPolylines(gripCentre(grip), geometry);
    if (distance > GRIP_TOLERANCE && distance <= SNAP_TOLERANCE) {
      moveGrip(grip, point);
      snapped += 1;
    }
  }
  if (snapped > 0) repairs.push(`Snapped ${snapped} grip(s) onto their geometry.`);
  if (repairs.length === 0) return { svg, repairs };
  return { svg: new XMLSerializer().serializeToString(root), repairs };
}
