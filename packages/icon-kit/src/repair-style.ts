/**
 * Layer style normalisation for repair.ts: each layer group gets the design system's stroke
 * style, children stop overriding it, and grips get the palette's paint. Browser-safe.
 */
import type { Element } from "@xmldom/xmldom";
import { LAYER_STYLES, type LayerName, type Palette } from "./design-system";
import { descendants } from "./repair-dom";

const STYLED_PROPS = ["stroke-width", "stroke-dasharray", "stroke-linecap", "stroke-linejoin"] as const;

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

/** The layer's required stroke style on its group, and no child overriding it; true when changed. */
export function normaliseLayer(group: Element, layer: LayerName, palette: Palette): boolean {
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
