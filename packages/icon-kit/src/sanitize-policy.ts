/**
 * The allowlist behind `sanitizeSvg`: which SVG elements and attributes survive, and which
 * attribute and CSS values are safe. Browser-safe.
 *
 * Public API:
 * - `ALLOWED_ELEMENTS`, `attributeAllowed(element, attribute)`, `STYLE_PROPERTIES`.
 * - `cleanValue(name, value, renameId)` — the value to keep (ids and `#` references renamed
 *   through `renameId`), or `null` when it is unsafe and the attribute must go.
 * - `cleanStyle(style, renameId)` — `{ style, dropped }`: the safe declarations and the names of
 *   dropped ones.
 */

export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  "svg",
  "g",
  "defs",
  "title",
  "desc",
  "path",
  "line",
  "polyline",
  "polygon",
  "rect",
  "circle",
  "ellipse",
  "linearGradient",
  "radialGradient",
  "stop",
  "clipPath",
  "use",
]);

/** Presentation properties: allowed as attributes everywhere and as style declarations. */
export const STYLE_PROPERTIES: ReadonlySet<string> = new Set([
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "stroke-opacity",
  "opacity",
  "color",
  "display",
  "visibility",
  "vector-effect",
  "shape-rendering",
  "clip-path",
  "clip-rule",
  "stop-color",
  "stop-opacity",
]);

const GLOBAL = new Set([
  "id",
  "transform",
  "style",
  "role",
  "aria-label",
  "aria-hidden",
  ...STYLE_PROPERTIES,
]);

const PER_ELEMENT: Readonly<Record<string, readonly string[]>> = {
  svg: ["viewBox", "width", "height", "preserveAspectRatio", "version", "x", "y"],
  path: ["d", "pathLength"],
  line: ["x1", "y1", "x2", "y2", "pathLength"],
  polyline: ["points", "pathLength"],
  polygon: ["points", "pathLength"],
  rect: ["x", "y", "width", "height", "rx", "ry", "pathLength"],
  circle: ["cx", "cy", "r", "pathLength"],
  ellipse: ["cx", "cy", "rx", "ry", "pathLength"],
  linearGradient: ["x1", "y1", "x2", "y2", "gradientUnits", "gradientTransform", "spreadMethod", "href"],
  radialGradient: [
    "cx",
    "cy",
    "r",
    "fx",
    "fy",
    "fr",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "href",
  ],
  stop: ["offset"],
  clipPath: ["clipPathUnits"],
  use: ["x", "y", "width", "height", "href"],
};

export function attributeAllowed(element: string, attribute: string): boolean {
  return GLOBAL.has(attribute) || (PER_ELEMENT[element]?.includes(attribute) ?? false);
}

const MAX_GEOMETRY_VALUE = 200_000;
const MAX_OTHER_VALUE = 1000;
const ID = /^[A-Za-z_][\w.-]{0,127}$/;
// Patterns are written so that no two adjacent parts can match the same text: no backtracking blow-up.
const NUMBERS = /^[\s\d.eE,+%-]*(?:px|pt|pc|mm|cm|in|em|ex)?$/;
const PATH_DATA = /^[\sMmZzLlHhVvCcSsQqTtAa\d.eE,+-]*$/;
const KEYWORDS = /^[\sA-Za-z\d.-]*$/;
const TRANSFORM = /^[\sA-Za-z\d.,eE+-]*(?:\([\s\d.,eE+-]*\)[\sA-Za-z\d.,eE+-]*)*$/;
const TRANSFORM_FUNCTIONS = new Set(["matrix", "translate", "scale", "rotate", "skewx", "skewy"]);
const COLOR_FUNCTIONS = new Set(["rgb", "rgba", "hsl", "hsla"]);
// A same-document reference, optionally followed by a fallback colour: url(#id) [fallback].
const URL_REF = /^url\(\s*(['"]?)#([A-Za-z_][\w.-]{0,127})\1\s*\)([#\w\s.,%()-]*)$/;
const PAINT = /^[\s#\w.,%()-]*$/;

const NUMERIC_ATTRS = new Set([
  "x",
  "y",
  "x1",
  "y1",
  "x2",
  "y2",
  "cx",
  "cy",
  "r",
  "rx",
  "ry",
  "fx",
  "fy",
  "fr",
  "width",
  "height",
  "offset",
  "pathLength",
  "points",
  "viewBox",
  "opacity",
  "fill-opacity",
  "stroke-opacity",
  "stop-opacity",
  "stroke-width",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-miterlimit",
]);
const PAINT_ATTRS = new Set(["fill", "stroke", "color", "stop-color", "clip-path"]);

function functionsAllowed(value: string, allowed: ReadonlySet<string>): boolean {
  return [...value.matchAll(/([A-Za-z-]*)\s*\(/g)].every((m) => allowed.has((m[1] ?? "").toLowerCase()));
}

/** C0 control characters other than tab, LF and CR have no business in an attribute value. */
function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) return true;
  }
  return false;
}

export function cleanValue(name: string, raw: string, renameId: (id: string) => string): string | null {
  const value = raw.trim();
  // Only geometry is long; every other value is short, which also bounds the regex work below.
  const limit = name === "d" || name === "points" ? MAX_GEOMETRY_VALUE : MAX_OTHER_VALUE;
  if (value.length > limit || hasControlCharacters(value)) return null;
  switch (name) {
    case "id":
      return ID.test(value) ? renameId(value) : null;
    case "href": {
      const m = /^#([A-Za-z_][\w.-]{0,127})$/.exec(value);
      return m?.[1] ? `#${renameId(m[1])}` : null;
    }
    case "d":
      return PATH_DATA.test(value) ? value : null;
    case "transform":
    case "gradientTransform":
      return TRANSFORM.test(value) && functionsAllowed(value, TRANSFORM_FUNCTIONS) ? value : null;
    case "aria-label":
      return value.length <= 200 ? value : null;
  }
  if (NUMERIC_ATTRS.has(name)) return NUMBERS.test(value) ? value : null;
  if (PAINT_ATTRS.has(name)) {
    const ref = URL_REF.exec(value);
    if (ref?.[2]) {
      const fallback = ref[3]?.trim() ?? "";
      if (fallback && (!PAINT.test(fallback) || !functionsAllowed(fallback, COLOR_FUNCTIONS))) return null;
      return `url(#${renameId(ref[2])})${fallback ? ` ${fallback}` : ""}`;
    }
    return PAINT.test(value) && functionsAllowed(value, COLOR_FUNCTIONS) ? value : null;
  }
  return KEYWORDS.test(value) ? value : null;
}

export function cleanStyle(
  style: string,
  renameId: (id: string) => string,
): { style: string; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  // Comments, escapes and at-rules are how CSS filters are usually bypassed: refuse them whole.
  if (/\/\*|\\|@|[<>{}]/.test(style))
    return { style: "", dropped: ["style (comments, escapes or at-rules)"] };
  for (const declaration of style.split(";")) {
    if (!declaration.trim()) continue;
    const colon = declaration.indexOf(":");
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = colon < 0 ? null : cleanValue(property, declaration.slice(colon + 1), renameId);
    if (STYLE_PROPERTIES.has(property) && value !== null) kept.push(`${property}:${value}`);
    else dropped.push(property || declaration.trim());
  }
  return { style: kept.join(";"), dropped };
}
