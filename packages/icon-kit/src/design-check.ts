/**
 * Design-rule checker for any SVG string (docs/design-system.md#design-rules). Browser-safe (pure-JS XML parser).
 *
 * Public API:
 * - `checkSvg(svg, options?) => DesignCheckResult` — never throws; unparseable input is an error finding.
 *   `options.toolType` makes the layer rule exact (missing required layers are errors, extra ones
 *   warnings); without it the tool type is inferred from the layers present.
 *   `options.gripCount` demands an exact number of grips.
 * - `DesignFinding` `{ rule, severity: 'error' | 'warning', message, element? }`; `DesignRule` lists rule ids.
 * - Score: 100 minus 25 per error and 5 per warning (never below 0); `passed` means no errors.
 *
 * Layers are `<g>` elements whose id is the layer name, or ends with `-<name>` (ids prefixed by
 * the sanitiser stay recognisable).
 */
import type { Element } from "@xmldom/xmldom";
import {
  CANVAS,
  GRIP,
  LAYER_ORDER,
  LAYER_STYLES,
  type LayerName,
  TOOL_TYPE_LAYERS,
  type ToolType,
} from "./design-system";
import { boundsOf, distanceToPolylines, elementPolylines, type Polyline, SHAPE_TAGS } from "./svg-geometry";
import { childElements, parseSvgDocument, SvgInputError } from "./svg-parse";

export type DesignRule =
  | "parse"
  | "viewBox"
  | "bounds"
  | "layers"
  | "stroke-width"
  | "layer-style"
  | "grip-shape"
  | "grip-on-geometry"
  | "grip-count";

export interface DesignFinding {
  rule: DesignRule;
  severity: "error" | "warning";
  message: string;
  /** A short description of the offending element, e.g. `<line> in Primary`. */
  element?: string;
}

export interface DesignCheckOptions {
  toolType?: ToolType;
  gripCount?: number;
}

export interface DesignCheckResult {
  findings: DesignFinding[];
  score: number;
  passed: boolean;
  toolType: ToolType | null;
  gripCount: number;
}

/** How far (user units) a grip centre may sit from the geometry it is on. */
export const GRIP_TOLERANCE = 0.5;
export const MAX_GRIPS = 8;
const EPS = 1e-3;

function layerOf(el: Element): LayerName | null {
  const id = el.getAttribute("id") ?? "";
  return LAYER_ORDER.find((name) => id === name || id.endsWith(`-${name}`)) ?? null;
}

function describe(el: Element, layer: LayerName | null): string {
  return `<${el.localName}>${layer ? ` in ${layer}` : ""}`;
}

/** Presentation attribute, or the same property in a style attribute, nearest ancestor wins. */
function effective(el: Element, prop: string): string | null {
  for (
    let node: Element | null = el;
    node && node.nodeType === node.ELEMENT_NODE;
    node = node.parentNode as Element | null
  ) {
    const style = node.getAttribute("style") ?? "";
    const match = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, "i").exec(style);
    if (match?.[1]) return match[1].trim();
    const attr = node.getAttribute(prop);
    if (attr !== null && attr !== "") return attr.trim();
  }
  return null;
}

/** Hidden or unpainted geometry cannot carry a grip, however close the grip sits. */
function visible(el: Element): boolean {
  if (effective(el, "display") === "none" || effective(el, "visibility") === "hidden") return false;
  for (const prop of ["opacity", "stroke-opacity"]) {
    if (Number.parseFloat(effective(el, prop) ?? "1") === 0) return false;
  }
  const stroke = effective(el, "stroke");
  const width = Number.parseFloat(effective(el, "stroke-width") ?? "1");
  const stroked = stroke !== null && stroke !== "none" && width > 0;
  const fill = effective(el, "fill");
  return stroked || (fill !== "none" && fill !== "transparent");
}

function numbers(value: string | null): number[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - (b[i] ?? Number.NaN)) < EPS);
}

function inferToolType(present: ReadonlySet<LayerName>): ToolType | null {
  if (present.has("Context") && present.has("Primary")) return "MODIFICATION";
  if (present.has("Context")) return "ANALYSIS";
  if (present.has("Primary")) return "DRAWING";
  return null;
}

function score(findings: readonly DesignFinding[]): number {
  const errors = findings.filter((f) => f.severity === "error").length;
  return Math.max(0, 100 - errors * 25 - (findings.length - errors) * 5);
}

function finish(findings: DesignFinding[], toolType: ToolType | null, gripCount: number): DesignCheckResult {
  return {
    findings,
    score: score(findings),
    passed: !findings.some((f) => f.severity === "error"),
    toolType,
    gripCount,
  };
}

export function checkSvg(svg: string, options: DesignCheckOptions = {}): DesignCheckResult {
  let root: Element;
  try {
    root = parseSvgDocument(svg);
  } catch (error) {
    const message = error instanceof SvgInputError ? error.message : String(error);
    return finish([{ rule: "parse", severity: "error", message }], null, 0);
  }
  const findings: DesignFinding[] = [];
  const add = (rule: DesignRule, severity: DesignFinding["severity"], message: string, element?: string) =>
    findings.push(element ? { rule, severity, message, element } : { rule, severity, message });

  if (!sameNumbers(numbers(root.getAttribute("viewBox")), numbers(CANVAS.viewBox))) {
    add(
      "viewBox",
      "error",
      `viewBox must be "${CANVAS.viewBox}" (found "${root.getAttribute("viewBox") ?? "none"}").`,
    );
  }

  // Layers: top-level groups named after a design-system layer.
  const layers = new Map<LayerName, Element>();
  const order: LayerName[] = [];
  for (const child of childElements(root)) {
    const name = child.localName === "g" ? layerOf(child) : null;
    if (!name) continue;
    if (layers.has(name)) add("layers", "error", `Layer ${name} appears more than once.`, `<g id="${name}">`);
    layers.set(name, child);
    order.push(name);
  }
  const present = new Set(layers.keys());
  const toolType = options.toolType ?? inferToolType(present);
  if (toolType) {
    const required = TOOL_TYPE_LAYERS[toolType];
    for (const name of required) {
      if (!present.has(name)) add("layers", "error", `A ${toolType} icon needs a <g id="${name}"> layer.`);
    }
    for (const name of present) {
      if (!required.includes(name))
        add("layers", "warning", `Layer ${name} is not part of a ${toolType} icon.`);
    }
  } else {
    add("layers", "error", "No Primary or Context layer found, so the tool type cannot be recognised.");
  }
  const sorted = [...order].sort((a, b) => LAYER_ORDER.indexOf(a) - LAYER_ORDER.indexOf(b));
  if (order.join() !== sorted.join()) {
    add(
      "layers",
      "warning",
      `Layers must be ordered back to front ${LAYER_ORDER.join(", ")} (found ${order.join(", ")}).`,
    );
  }

  const geometry: Polyline[] = [];
  const grips: { x: number; y: number; el: Element }[] = [];
  for (const el of Array.from(root.getElementsByTagName("*"))) {
    if (!SHAPE_TAGS.has(el.localName ?? "")) continue;
    let layerEl: Element | null = null;
    for (
      let node = el.parentNode as Element | null;
      node && node !== root;
      node = node.parentNode as Element | null
    ) {
      if (layers.get(layerOf(node) as LayerName) === node) layerEl = node;
    }
    const layer = layerEl ? layerOf(layerEl) : null;
    const label = describe(el, layer);
    const lines = elementPolylines(el);
    if (!layer) {
      add("layers", "warning", "Geometry outside any design-system layer.", label);
    }
    if (layer === "Grips") {
      const ok =
        el.localName === "rect" &&
        Number(el.getAttribute("width")) === GRIP.size &&
        Number(el.getAttribute("height")) === GRIP.size;
      if (!ok) add("grip-shape", "error", `Grips must be ${GRIP.size}×${GRIP.size} <rect> squares.`, label);
      const b = boundsOf(lines);
      if (b) grips.push({ x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2, el });
      const fill = effective(el, "fill");
      if (!fill || fill === "none") add("grip-shape", "error", "Grips must have a (white) fill.", label);
    } else {
      const b = boundsOf(lines);
      if (
        b &&
        (b.minX < CANVAS.safeMin - EPS ||
          b.minY < CANVAS.safeMin - EPS ||
          b.maxX > CANVAS.safeMax + EPS ||
          b.maxY > CANVAS.safeMax + EPS)
      ) {
        const r = (v: number) => Math.round(v * 100) / 100;
        add(
          "bounds",
          "error",
          `Geometry spans x ${r(b.minX)}..${r(b.maxX)}, y ${r(b.minY)}..${r(b.maxY)}, outside the safe area [${CANVAS.safeMin}, ${CANVAS.safeMax}].`,
          label,
        );
      }
      if (visible(el)) geometry.push(...lines);
    }
    if (!layer) continue;
    const style = LAYER_STYLES[layer];
    const width = Number.parseFloat(effective(el, "stroke-width") ?? "1");
    if (Math.abs(width - style.strokeWidth) > EPS) {
      add(
        "stroke-width",
        "error",
        `${layer} strokes must be ${style.strokeWidth} wide (found ${width}).`,
        label,
      );
    }
    if (style.dashArray && !sameNumbers(numbers(effective(el, "stroke-dasharray")), style.dashArray)) {
      add("layer-style", "error", `${layer} strokes must be dashed "${style.dashArray.join(" ")}".`, label);
    }
    if (
      style.round &&
      (effective(el, "stroke-linecap") !== "round" || effective(el, "stroke-linejoin") !== "round")
    ) {
      add("layer-style", "error", `${layer} strokes need round caps and joins.`, label);
    }
  }

  for (const name of ["Context", "Primary"] as const) {
    const el = layers.get(name);
    if (el && !Array.from(el.getElementsByTagName("*")).some((c) => SHAPE_TAGS.has(c.localName ?? ""))) {
      add("layers", "error", `Layer ${name} is empty.`, `<g id="${name}">`);
    }
  }

  for (const grip of grips) {
    const distance = distanceToPolylines(grip, geometry);
    if (distance > GRIP_TOLERANCE) {
      const r = (v: number) => Math.round(v * 100) / 100;
      add(
        "grip-on-geometry",
        "error",
        `Grip at (${r(grip.x)}, ${r(grip.y)}) is ${Number.isFinite(distance) ? r(distance) : "∞"} units from any visible geometry; grips must lie on it.`,
        describe(grip.el, "Grips"),
      );
    }
  }
  if (grips.length === 0) add("grip-count", "error", "An icon needs at least one grip (user input point).");
  else if (grips.length > MAX_GRIPS)
    add(
      "grip-count",
      "warning",
      `${grips.length} grips is more than ${MAX_GRIPS}; icons read best with few input points.`,
    );
  if (options.gripCount !== undefined && grips.length !== options.gripCount) {
    add("grip-count", "error", `Expected ${options.gripCount} grips, found ${grips.length}.`);
  }
  return finish(findings, toolType, grips.length);
}
