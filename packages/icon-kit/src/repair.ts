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
 */
import { DOMParser, type Element, XMLSerializer } from "@xmldom/xmldom";
import svgpath from "svgpath";
import { GRIP_TOLERANCE } from "./design-check";
import {
  CANVAS,
  type ColorMode,
  GRIP,
  LAYER_ORDER,
  LAYER_STYLES,
  type LayerName,
  type Palette,
  paletteFor,
  type ToolType,
} from "./design-system";
import { boundsOf, elementPolylines, type Point, type Polyline, SHAPE_TAGS } from "./svg-geometry";
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
/** The smallest uniform scale used to fit a drawing into the safe area: more is a redesign. */
const MIN_FIT_SCALE = 0.75;
const STYLED_PROPS = ["stroke-width", "stroke-dasharray", "stroke-linecap", "stroke-linejoin"] as const;
const round = (v: number) => Math.round(v * 1000) / 1000;

function layerOf(el: Element): LayerName | null {
  const id = el.getAttribute("id") ?? "";
  return LAYER_ORDER.find((name) => id === name || id.endsWith(`-${name}`)) ?? null;
}

function descendants(el: Element): Element[] {
  return Array.from(el.getElementsByTagName("*"));
}

/** Removes `prop` from the element's presentation attribute and style; true when it was set. */
function unset(el: Element, prop: string): boolean {
  let changed = false;
  if (el.hasAttribute(prop)) {
    el.removeAttribute(prop);
    changed = true;
  }
  const style = el.getAttribute("style");
  if (style !== null) {
    const kept = style.split(";").filter((decl) => decl.split(":")[0]?.trim().toLowerCase() !== prop);
    if (kept.length !== style.split(";").length) {
      changed = true;
      const text = kept.join(";").trim();
      if (text === "") el.removeAttribute("style");
      else el.setAttribute("style", text);
    }
  }
  return changed;
}

/** Sets `prop` on the element as an attribute (dropping any style copy); true when it changed. */
function set(el: Element, prop: string, value: string): boolean {
  const styled = /(?:^|;)\s*([\w-]+)\s*:/g;
  const inStyle = [...(el.getAttribute("style") ?? "").matchAll(styled)].some((m) => m[1] === prop);
  const before = el.getAttribute(prop);
  if (inStyle) unset(el, prop);
  el.setAttribute(prop, value);
  return inStyle || before !== value;
}

function colourOf(layer: LayerName, palette: Palette): string {
  if (layer === "Guide") return palette.guide;
  if (layer === "Context") return palette.context;
  if (layer === "Primary") return palette.primary;
  return palette.gripStroke;
}

/** The layer's required stroke style on its group, and no child overriding it. */
function normaliseLayer(group: Element, layer: LayerName, palette: Palette): boolean {
  const style = LAYER_STYLES[layer];
  const wanted: [string, string][] = [["stroke-width", String(style.strokeWidth)]];
  if (style.dashArray) wanted.push(["stroke-dasharray", style.dashArray.join(" ")]);
  if (style.round) wanted.push(["stroke-linecap", "round"], ["stroke-linejoin", "round"]);
  let changed = false;
  for (const [prop, value] of wanted) changed = set(group, prop, value) || changed;
  for (const child of descendants(group)) {
    for (const prop of STYLED_PROPS) {
      if (wanted.some(([p]) => p === prop)) changed = unset(child, prop) || changed;
    }
  }
  // A stroke colour is only supplied where none is given, so the geometry is visible at all.
  const stroke = group.getAttribute("stroke");
  if (stroke === null || stroke === "" || stroke === "none") {
    changed = set(group, "stroke", colourOf(layer, palette)) || changed;
  }
  if (layer === "Grips") {
    changed = set(group, "fill", palette.gripFill) || changed;
    changed = set(group, "stroke", palette.gripStroke) || changed;
    for (const child of descendants(group)) {
      changed = unset(child, "fill") || changed;
      changed = unset(child, "stroke") || changed;
    }
  }
  return changed;
}

function hasTransform(el: Element, root: Element): boolean {
  for (let node: Element | null = el; node && node !== root; node = node.parentNode as Element | null) {
    if (node.getAttribute("transform")) return true;
  }
  return root.hasAttribute("transform");
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

function gripCentre(el: Element): Point {
  const num = (name: string) => Number.parseFloat(el.getAttribute(name) ?? "0");
  return { x: num("x") + num("width") / 2, y: num("y") + num("height") / 2 };
}

function moveGrip(el: Element, to: Point): void {
  el.setAttribute("x", String(round(to.x - GRIP.half)));
  el.setAttribute("y", String(round(to.y - GRIP.half)));
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

/** Scales and shifts one shape's own coordinates (no transforms are involved: checked before). */
function mapShape(el: Element, s: number, dx: number, dy: number): void {
  const at = (name: string, f: (v: number) => number) => {
    const v = Number.parseFloat(el.getAttribute(name) ?? "0");
    el.setAttribute(name, String(round(f(Number.isFinite(v) ? v : 0))));
  };
  const x = (v: number) => v * s + dx;
  const y = (v: number) => v * s + dy;
  const len = (v: number) => v * s;
  switch (el.localName) {
    case "line":
      for (const [name, f] of [
        ["x1", x],
        ["y1", y],
        ["x2", x],
        ["y2", y],
      ] as const)
        at(name, f);
      return;
    case "rect":
      for (const [name, f] of [
        ["x", x],
        ["y", y],
        ["width", len],
        ["height", len],
      ] as const)
        at(name, f);
      for (const name of ["rx", "ry"]) if (el.hasAttribute(name)) at(name, len);
      return;
    case "circle":
      for (const [name, f] of [
        ["cx", x],
        ["cy", y],
        ["r", len],
      ] as const)
        at(name, f);
      return;
    case "ellipse":
      for (const [name, f] of [
        ["cx", x],
        ["cy", y],
        ["rx", len],
        ["ry", len],
      ] as const)
        at(name, f);
      return;
    case "polyline":
    case "polygon": {
      const coords = (el.getAttribute("points") ?? "")
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      const pairs: string[] = [];
      for (let i = 0; i + 1 < coords.length; i += 2) {
        pairs.push(`${round(x(coords[i] ?? 0))},${round(y(coords[i + 1] ?? 0))}`);
      }
      el.setAttribute("points", pairs.join(" "));
      return;
    }
    case "path":
      el.setAttribute(
        "d",
        svgpath(el.getAttribute("d") ?? "")
          .scale(s)
          .translate(dx, dy)
          .round(3)
          .toString(),
      );
  }
}

/**
 * Geometry that lies on the canvas but strays outside the safe area is scaled (down to 3/4) and
 * shifted into it; its grips move with it and keep their size.
 */
function fitSafeArea(root: Element, layers: Map<LayerName, Element>): boolean {
  const grips = layers.get("Grips");
  const shapes = descendants(root).filter((el) => SHAPE_TAGS.has(el.localName ?? ""));
  const drawn = shapes.filter((el) => !grips || !descendants(grips).includes(el));
  if (drawn.length === 0 || shapes.some((el) => hasTransform(el, root))) return false;
  // Anything but plain groups and shapes (defs, use, clip paths) could be moved inconsistently.
  const plain = new Set([...SHAPE_TAGS, "g", "title", "desc", "svg"]);
  if (descendants(root).some((el) => !plain.has(el.localName ?? ""))) return false;
  const b = boundsOf(drawn.flatMap((el) => elementPolylines(el)));
  if (!b) return false;
  const { safeMin, safeMax, size } = CANVAS;
  const outside = b.minX < safeMin || b.minY < safeMin || b.maxX > safeMax || b.maxY > safeMax;
  const onCanvas = b.minX >= 0 && b.minY >= 0 && b.maxX <= size && b.maxY <= size;
  if (!outside || !onCanvas) return false;
  const span = safeMax - safeMin;
  const s = Math.min(1, span / Math.max(b.maxX - b.minX, 1e-9), span / Math.max(b.maxY - b.minY, 1e-9));
  if (s < MIN_FIT_SCALE) return false;
  const shift = (min: number, max: number) =>
    min * s < safeMin ? safeMin - min * s : max * s > safeMax ? safeMax - max * s : 0;
  const dx = shift(b.minX, b.maxX);
  const dy = shift(b.minY, b.maxY);
  for (const el of drawn) mapShape(el, s, dx, dy);
  for (const el of grips ? descendants(grips).filter((e) => e.localName === "rect") : []) {
    const c = gripCentre(el);
    moveGrip(el, { x: c.x * s + dx, y: c.y * s + dy });
  }
  return true;
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
