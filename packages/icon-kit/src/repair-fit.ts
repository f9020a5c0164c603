/**
 * Fitting a drawing into the safe area for repair.ts: only geometry that already lies on the
 * canvas, without transforms, `<use>` or `<defs>`, scaled by no less than 3/4. Browser-safe.
 */
import type { Element } from "@xmldom/xmldom";
import svgpath from "svgpath";
import { CANVAS, type LayerName } from "./design-system";
import { descendants, gripCentre, hasTransform, moveGrip, round } from "./repair-dom";
import { boundsOf, elementPolylines, SHAPE_TAGS } from "./svg-geometry";

/** The smallest uniform scale used to fit a drawing into the safe area: more is a redesign. */
const MIN_FIT_SCALE = 0.75;

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
export function fitSafeArea(root: Element, layers: Map<LayerName, Element>): boolean {
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
