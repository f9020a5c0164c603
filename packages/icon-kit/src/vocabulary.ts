/**
 * The local engine's vocabulary: which prompt words name which tool. Browser-safe.
 *
 * Public API:
 * - `TOOL_IDS`, `ToolId`, `TOOL_TYPE_OF` — every tool the local engine draws and its tool type.
 * - `readPrompt(prompt)` — `{ tool, understood, unknown }`: the chosen tool (null when no tool
 *   word was found), the words it understood (tool words and modifiers), and the words it did not.
 *   When several tools are named, analysis beats modification beats drawing ("offset curve" is an
 *   offset, "measure angle" an angle); ties go to the first word.
 */
import type { ToolType } from "./design-system";
import type { PromptReading } from "./engine-contract";
import { TOOL_LABELS, TOOL_TYPE_OF, type ToolId } from "./tool-catalog";

export { isToolId, TOOL_IDS, TOOL_LABELS, TOOL_TYPE_OF, type ToolId } from "./tool-catalog";

const SYNONYMS: Readonly<Record<string, Exclude<ToolId, "generic">>> = {
  line: "line",
  segment: "line",
  straight: "line",
  polyline: "polyline",
  zigzag: "polyline",
  polygonal: "polyline",
  arc: "arc",
  arch: "arc",
  circle: "circle",
  circular: "circle",
  ellipse: "ellipse",
  elliptical: "ellipse",
  oval: "ellipse",
  rectangle: "rectangle",
  rect: "rectangle",
  rectangular: "rectangle",
  square: "rectangle",
  polygon: "polygon",
  triangle: "polygon",
  pentagon: "polygon",
  hexagon: "polygon",
  octagon: "polygon",
  ngon: "polygon",
  curve: "curve",
  spline: "curve",
  nurbs: "curve",
  freeform: "curve",
  interpolate: "curve",
  bezier: "curve",
  offset: "offset",
  parallel: "offset",
  fillet: "fillet",
  round: "fillet",
  rounded: "fillet",
  chamfer: "chamfer",
  bevel: "chamfer",
  trim: "trim",
  cut: "trim",
  extend: "extend",
  lengthen: "extend",
  extension: "extend",
  split: "split",
  break: "split",
  join: "join",
  merge: "join",
  weld: "join",
  combine: "join",
  mirror: "mirror",
  reflect: "mirror",
  flip: "mirror",
  rotate: "rotate",
  rotation: "rotate",
  turn: "rotate",
  spin: "rotate",
  scale: "scale",
  resize: "scale",
  enlarge: "scale",
  shrink: "scale",
  move: "move",
  translate: "move",
  drag: "move",
  displace: "move",
  array: "array",
  pattern: "array",
  repeat: "array",
  grid: "array",
  extrude: "extrude",
  extrusion: "extrude",
  revolve: "revolve",
  revolution: "revolve",
  lathe: "revolve",
  loft: "loft",
  sweep: "sweep",
  rail: "sweep",
  pipe: "sweep",
  intersect: "intersect",
  intersection: "intersect",
  boolean: "intersect",
  divide: "divide",
  division: "divide",
  subdivide: "divide",
  distance: "distance",
  length: "distance",
  dimension: "distance",
  measure: "distance",
  ruler: "distance",
  angle: "angle",
  angular: "angle",
  degree: "angle",
  protractor: "angle",
  area: "area",
  surface: "area",
};

/** Words that carry meaning for an icon without naming a tool. */
const MODIFIERS = new Set([
  "point",
  "three",
  "3",
  "two",
  "2",
  "through",
  "centre",
  "center",
  "radius",
  "diameter",
  "start",
  "end",
  "corner",
  "axis",
  "profile",
  "section",
  "copy",
  "object",
  "edge",
  "boundary",
  "base",
  "closed",
  "open",
  "tool",
  "icon",
  "shape",
  "geometry",
]);

const STOP_WORDS = new Set([
  "a",
  "an",
  "the",
  "of",
  "to",
  "by",
  "from",
  "with",
  "and",
  "or",
  "for",
  "on",
  "in",
  "into",
  "at",
  "between",
  "using",
  "along",
  "around",
  "about",
  "that",
  "this",
  "it",
  "its",
  "as",
  "me",
  "make",
  "draw",
  "create",
  "please",
  "some",
  "new",
]);

// Measurement verbs only name a tool when no more specific analysis word is present.
const WEAK = new Set(["measure", "surface", "turn", "round", "cut", "pattern", "grid", "square"]);

function stems(word: string): string[] {
  const out = [word];
  if (word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) out.push(word.slice(0, -2));
  if (word.endsWith("s")) out.push(word.slice(0, -1));
  if (word.endsWith("ing")) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith("ed")) out.push(word.slice(0, -2), word.slice(0, -1));
  return out;
}

const RANK: Record<ToolType, number> = { ANALYSIS: 3, MODIFICATION: 2, DRAWING: 1 };

export function readPrompt(prompt: string): PromptReading {
  const words =
    prompt
      .toLowerCase()
      .normalize("NFKD")
      .match(/[a-z0-9]+/g) ?? [];
  const understood: string[] = [];
  const unknown: string[] = [];
  let best: { tool: Exclude<ToolId, "generic">; rank: number } | null = null;
  for (const word of words) {
    if (STOP_WORDS.has(word)) continue;
    // Own keys only: "constructor" or "toString" must not resolve to Object.prototype members.
    const stem = stems(word).find((s) => Object.hasOwn(SYNONYMS, s) || MODIFIERS.has(s));
    if (stem === undefined) {
      if (!unknown.includes(word)) unknown.push(word);
      continue;
    }
    if (!understood.includes(word)) understood.push(word);
    const tool = Object.hasOwn(SYNONYMS, stem) ? SYNONYMS[stem] : undefined;
    if (!tool) continue;
    const rank = RANK[TOOL_TYPE_OF[tool]] - (WEAK.has(stem) ? 0.5 : 0);
    if (!best || rank > best.rank) best = { tool, rank };
  }
  if (!best) {
    return {
      status: "not_understood",
      tool: null,
      params: {},
      understood,
      unknown,
      suggestions: [TOOL_LABELS.line, TOOL_LABELS.arc, TOOL_LABELS.circle],
      message: "No tool was recognised in the prompt; name a drawing, editing or measuring tool.",
    };
  }
  return { status: "understood", tool: best.tool, params: {}, understood, unknown, suggestions: [] };
}
