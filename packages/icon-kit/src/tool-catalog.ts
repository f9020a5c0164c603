/**
 * Every tool the local engine draws: its id, tool type, label and the constructions its variants
 * show. Browser-safe data. The design rules behind the types are in
 * docs/design-system.md#tool-types.
 */
import type { ToolType } from "./design-system";

export const TOOL_TYPE_OF = {
  line: "DRAWING",
  polyline: "DRAWING",
  arc: "DRAWING",
  circle: "DRAWING",
  ellipse: "DRAWING",
  rectangle: "DRAWING",
  polygon: "DRAWING",
  curve: "DRAWING",
  offset: "MODIFICATION",
  fillet: "MODIFICATION",
  chamfer: "MODIFICATION",
  trim: "MODIFICATION",
  extend: "MODIFICATION",
  split: "MODIFICATION",
  join: "MODIFICATION",
  mirror: "MODIFICATION",
  rotate: "MODIFICATION",
  scale: "MODIFICATION",
  move: "MODIFICATION",
  array: "MODIFICATION",
  extrude: "MODIFICATION",
  revolve: "MODIFICATION",
  loft: "MODIFICATION",
  sweep: "MODIFICATION",
  intersect: "MODIFICATION",
  divide: "MODIFICATION",
  distance: "ANALYSIS",
  angle: "ANALYSIS",
  area: "ANALYSIS",
  generic: "DRAWING",
} as const satisfies Record<string, ToolType>;

export type ToolId = keyof typeof TOOL_TYPE_OF;
export const TOOL_IDS = Object.keys(TOOL_TYPE_OF) as ToolId[];

export function isToolId(value: unknown): value is ToolId {
  return typeof value === "string" && Object.hasOwn(TOOL_TYPE_OF, value);
}

/** What a person calls each tool: shown in readings, suggestions and the web app. */
export const TOOL_LABELS: Readonly<Record<ToolId, string>> = {
  line: "line",
  polyline: "polyline",
  arc: "arc",
  circle: "circle",
  ellipse: "ellipse",
  rectangle: "rectangle",
  polygon: "polygon",
  curve: "curve",
  offset: "offset",
  fillet: "fillet",
  chamfer: "chamfer",
  trim: "trim",
  extend: "extend",
  split: "split",
  join: "join",
  mirror: "mirror",
  rotate: "rotate",
  scale: "scale",
  move: "move",
  array: "rectangular array",
  extrude: "extrude",
  revolve: "revolve",
  loft: "loft",
  sweep: "sweep",
  intersect: "boolean intersect",
  divide: "divide",
  distance: "measure distance",
  angle: "measure angle",
  area: "measure area",
  generic: "generic tool icon",
};

/**
 * The three ways each tool is shown: variant i of a prompt uses construction i (mod 3), so the
 * variants differ in what they show, not only in size or orientation.
 */
export const TOOL_CONSTRUCTIONS: Readonly<Record<ToolId, readonly [string, string, string]>> = {
  line: ["two points", "point and angle", "point and length"],
  polyline: ["open", "closed", "with arc segment"],
  arc: ["three points", "centre, start, end", "tangent"],
  circle: ["centre and radius", "centre and diameter", "three points"],
  ellipse: ["centre and axes", "axis endpoints", "rotated axes"],
  rectangle: ["two corners", "centre and corner", "three points"],
  polygon: ["inscribed", "circumscribed", "by edge"],
  curve: ["through points", "control vertices", "closed"],
  offset: ["one side", "both sides", "through point"],
  fillet: ["two lines", "with radius guide", "polyline corner"],
  chamfer: ["two distances", "distance and angle", "polyline corner"],
  trim: ["cutting edge", "two cutting edges", "quick trim"],
  extend: ["to boundary", "to two boundaries", "by length"],
  split: ["at a point", "with a cutter", "into pieces"],
  join: ["two curves", "three curves", "closed loop"],
  mirror: ["two-point axis", "keep source", "flip in place"],
  rotate: ["base point and angle", "reference angle", "copy"],
  scale: ["base point and factor", "reference length", "copy"],
  move: ["base point", "displacement", "along a path"],
  array: ["rows and columns", "spacing", "corner to corner"],
  extrude: ["closed curve", "box", "tapered"],
  revolve: ["full turn", "partial turn", "profile and axis"],
  loft: ["sections", "with rail", "closed"],
  sweep: ["one rail", "profile shown", "two rails"],
  intersect: ["two circles", "circle and square", "result only"],
  divide: ["equal parts", "by length", "points only"],
  distance: ["two points", "with extension lines", "chain"],
  angle: ["two lines", "three points", "with arc"],
  area: ["closed boundary", "by points", "hatched"],
  generic: ["curve", "curve with guide", "points"],
};
