/**
 * Colour modes and optical sizing, applied to a parsed SVG in place. Browser-safe.
 *
 * Public API:
 * - `CSS_VARIABLES` — the custom property of each paint role (`--pp-primary`…).
 * - `applyColors(root, choice, palette)` — rewrites every paint (fill, stroke, stop-color,
 *   flood-color, lighting-color, color; attributes and `style`) by its role: the layer it sits
 *   in, or for paint outside any layer the palette colour it matches (else primary).
 * - `applyOpticalSize(root, pixelSize)` — the small-size drawing, see below.
 *
 * Optical size rule: at `pixelSize` device pixels one unit is `pixelSize / 32` px, so every
 * stroke width, dash and grip is multiplied by `opticalScale(pixelSize)` (2 at 16 px, 1.6 at
 * 20 px, 1.33 at 24 px): the primary stroke renders ≥ 1 px, grips ≥ 2 px, context and guide keep
 * their proportions. Below `GUIDE_MIN_PIXELS` (20 px) the Guide layer is removed. Grip squares
 * grow around their centre so they stay on the geometry. `checkSvg(svg, { pixelSize })` checks
 * the result.
 */
import type { Element } from "@xmldom/xmldom";
import { GUIDE_MIN_PIXELS, opticalScale } from "./design-check";
import { GRIP, LAYER_ORDER, type LayerName, type Palette } from "./design-system";
import type { ColorChoice } from "./export-options";

export type PaintRole = "guide" | "context" | "primary" | "gripFill" | "gripStroke";

export const CSS_VARIABLES: Readonly<Record<PaintRole, string>> = {
  primary: "--pp-primary",
  context: "--pp-context",
  guide: "--pp-guide",
  gripFill: "--pp-grip-fill",
  gripStroke: "--pp-grip-stroke",
};

const PAINT_PROPS = ["fill", "stroke", "stop-color", "flood-color", "lighting-color", "color"] as const;
const UNPAINTED = new Set(["none", "transparent", "inherit"]);

function layerOf(el: Element): LayerName | null {
  for (let node: Element | null = el; node && node.nodeType === 1; node = node.parentNode as Element | null) {
    const id = node.getAttribute("id") ?? "";
    const name = LAYER_ORDER.find((layer) => id === layer || id.endsWith(`-${layer}`));
    if (name && node.localName === "g") return name;
  }
  return null;
}

function roleOf(el: Element, prop: string, value: string, palette: Palette): PaintRole {
  const layer = layerOf(el);
  if (layer === "Grips") return prop === "stroke" ? "gripStroke" : "gripFill";
  if (layer === "Guide") return "guide";
  if (layer === "Context") return "context";
  if (layer === "Primary") return "primary";
  const wanted = value.toLowerCase();
  const roles = Object.keys(CSS_VARIABLES) as PaintRole[];
  return roles.find((role) => palette[role].toLowerCase() === wanted) ?? "primary";
}

function paintFor(choice: ColorChoice, role: PaintRole, prop: string, palette: Palette): string {
  if (choice === "palette") return palette[role];
  if (choice === "css-vars") return `var(${CSS_VARIABLES[role]}, ${palette[role]})`;
  // Hollow grips: a filled square in the same colour as the line would merge with it.
  return role === "gripFill" && prop !== "stroke" ? "none" : "currentColor";
}

function allElements(root: Element): Element[] {
  return [root, ...Array.from(root.getElementsByTagName("*"))];
}

export function applyColors(root: Element, choice: ColorChoice, palette: Palette): void {
  // An unset fill paints black, a fixed colour CSS could not change.
  if (
    choice === "currentColor" &&
    !root.getAttribute("fill") &&
    !/fill\s*:/i.test(root.getAttribute("style") ?? "")
  )
    root.setAttribute("fill", "currentColor");
  for (const el of allElements(root)) {
    const declarations: string[] = [];
    for (const prop of PAINT_PROPS) {
      const fromStyle = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, "i").exec(
        el.getAttribute("style") ?? "",
      )?.[1];
      const value = (fromStyle ?? el.getAttribute(prop) ?? "").trim();
      if (!value || UNPAINTED.has(value.toLowerCase()) || value.startsWith("url(")) continue;
      el.removeAttribute(prop);
      if (prop === "color" && choice !== "palette") continue;
      const paint = paintFor(choice, roleOf(el, prop, value, palette), prop, palette);
      // var() is only certain to work in a style declaration, not in a presentation attribute.
      if (choice === "css-vars") declarations.push(`${prop}:${paint}`);
      else el.setAttribute(prop, paint);
    }
    const rest = (el.getAttribute("style") ?? "")
      .split(";")
      .map((d) => d.trim())
      .filter(
        (d) =>
          d &&
          !PAINT_PROPS.some(
            (prop) => d.toLowerCase().startsWith(`${prop}:`) || d.toLowerCase().startsWith(`${prop} `),
          ),
      );
    const style = [...rest, ...declarations].join(";");
    if (style) el.setAttribute("style", style);
    else el.removeAttribute("style");
  }
}

function scaleNumbers(value: string, k: number): string {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((n) => String(Math.round(Number(n) * k * 1000) / 1000))
    .join(" ");
}

export function applyOpticalSize(root: Element, pixelSize: number): void {
  const k = opticalScale(pixelSize);
  if (k === 1) return;
  for (const el of allElements(root)) {
    if (
      pixelSize < GUIDE_MIN_PIXELS &&
      el.localName === "g" &&
      layerOf(el) === "Guide" &&
      el.parentNode === root
    ) {
      root.removeChild(el);
    }
  }
  for (const el of allElements(root)) {
    const layer = layerOf(el);
    if (!layer) continue;
    for (const prop of ["stroke-width", "stroke-dasharray"]) {
      const value = el.getAttribute(prop);
      if (value && value !== "none") el.setAttribute(prop, scaleNumbers(value, k));
    }
    const style = el.getAttribute("style");
    if (style) {
      const scaled = style.replace(
        /(stroke-width|stroke-dasharray)\s*:\s*([0-9.,\s]+?)\s*(?=;|$)/gi,
        (_, prop: string, value: string) => `${prop}:${scaleNumbers(value, k)}`,
      );
      el.setAttribute("style", scaled);
    }
    if (layer === "Grips" && el.localName === "rect") {
      const size = GRIP.size * k;
      const x = Number(el.getAttribute("x") ?? 0) + Number(el.getAttribute("width") ?? 0) / 2 - size / 2;
      const y = Number(el.getAttribute("y") ?? 0) + Number(el.getAttribute("height") ?? 0) / 2 - size / 2;
      el.setAttribute("x", scaleNumbers(String(x), 1));
      el.setAttribute("y", scaleNumbers(String(y), 1));
      el.setAttribute("width", scaleNumbers(String(size), 1));
      el.setAttribute("height", scaleNumbers(String(size), 1));
    }
  }
  // Layer groups carry the canonical widths; a layer without an explicit width inherits 1.
  for (const el of allElements(root)) {
    if (
      el.localName === "g" &&
      el.parentNode === root &&
      layerOf(el) === "Primary" &&
      !el.getAttribute("stroke-width")
    ) {
      el.setAttribute("stroke-width", scaleNumbers("1", k));
    }
  }
}
