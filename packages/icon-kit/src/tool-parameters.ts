/**
 * The live parameters of every tool: what the web app's controls show and what every variant
 * carries. Browser-safe data plus clamping. See docs/design-system.md#parameters.
 *
 * Every tool has the three view parameters (size, turn, flip) after its own ones; its own ones
 * come first and the first of them is the one a bare number in a prompt sets ("AR 6").
 */
import type { ParameterSpec, ParamValues } from "./engine-contract";
import type { ToolId } from "./tool-catalog";

interface Spec extends ParameterSpec {
  readonly default: number;
}

const spec = (
  key: string,
  label: string,
  min: number,
  max: number,
  step: number,
  unit: string,
  fallback: number,
): Spec => ({ key, label, min, max, step, unit, default: fallback });

const count = (key: string, label: string, min: number, max: number, fallback: number) =>
  spec(key, label, min, max, 1, "", fallback);
const degrees = (key: string, label: string, min: number, max: number, fallback: number) =>
  spec(key, label, min, max, 5, "°", fallback);
const units = (key: string, label: string, min: number, max: number, fallback: number) =>
  spec(key, label, min, max, 0.5, "units", fallback);

/** Size is the drawing's extent in canvas units (the safe area is 24). */
export const VIEW_PARAMETERS: readonly Spec[] = [
  spec("size", "Size", 12, 24, 1, "units", 20),
  spec("turn", "Quarter turns", 0, 270, 90, "°", 0),
  spec("flip", "Mirrored", 0, 1, 1, "", 0),
];

const OWN: Readonly<Record<ToolId, readonly Spec[]>> = {
  line: [degrees("angle", "Angle", 0, 90, 40)],
  polyline: [count("vertices", "Vertices", 3, 6, 4)],
  arc: [degrees("sweep", "Sweep", 60, 300, 180)],
  circle: [units("radius", "Radius", 4, 12, 10)],
  ellipse: [units("width", "Width", 10, 24, 24), units("height", "Height", 6, 20, 14)],
  rectangle: [units("width", "Width", 8, 24, 20), units("height", "Height", 6, 24, 16)],
  polygon: [count("sides", "Sides", 3, 12, 6)],
  curve: [count("points", "Points", 3, 6, 4)],
  point: [count("count", "Points", 1, 4, 1)],
  xline: [degrees("angle", "Angle", 0, 175, 30)],
  ray: [degrees("angle", "Angle", 10, 170, 40)],
  tangentArc: [degrees("sweep", "Sweep", 45, 180, 120)],
  tangentCircle: [units("radius", "Radius", 3, 10, 6)],
  text: [count("lines", "Lines", 1, 4, 3)],
  leader: [degrees("angle", "Leader angle", 30, 75, 50)],
  offset: [units("distance", "Offset distance", 1.5, 5, 4)],
  fillet: [units("radius", "Fillet radius", 2, 14, 8)],
  chamfer: [units("distance", "Chamfer distance", 2, 14, 8)],
  trim: [units("position", "Cutting edge position", 8, 20, 16)],
  extend: [units("length", "Extension", 4, 14, 10)],
  split: [count("pieces", "Pieces", 2, 4, 2)],
  join: [count("segments", "Segments", 2, 4, 2)],
  break: [units("gap", "Gap", 2, 10, 6)],
  lengthen: [units("length", "Added length", 2, 10, 6)],
  divide: [count("divisions", "Divisions", 2, 10, 4)],
  mirror: [degrees("angle", "Axis angle", 0, 90, 90)],
  rotate: [degrees("angle", "Rotation angle", 5, 180, 40)],
  scale: [spec("factor", "Scale factor", 1.25, 3, 0.25, "×", 2.5)],
  move: [units("distance", "Move distance", 6, 18, 14)],
  copy: [count("count", "Copies", 1, 4, 2)],
  align: [degrees("angle", "Target angle", 10, 80, 30)],
  stretch: [units("distance", "Stretch distance", 3, 10, 6)],
  explode: [units("gap", "Gap", 1, 3, 2)],
  array: [count("rows", "Rows", 1, 5, 3), count("columns", "Columns", 2, 5, 3)],
  polarArray: [count("count", "Items", 3, 12, 6)],
  pathArray: [count("count", "Items", 3, 8, 5)],
  hatch: [units("spacing", "Hatch spacing", 2, 6, 3), degrees("angle", "Hatch angle", 0, 90, 45)],
  union: [units("spacing", "Centre spacing", 3, 9, 8)],
  subtract: [units("spacing", "Centre spacing", 3, 9, 8)],
  intersect: [units("spacing", "Centre spacing", 3, 9, 8)],
  extrude: [units("height", "Extrusion height", 4, 16, 10)],
  revolve: [degrees("angle", "Revolution angle", 90, 360, 360)],
  loft: [count("sections", "Sections", 2, 4, 3)],
  sweep: [units("width", "Profile width", 2, 4, 3)],
  shell: [units("thickness", "Wall thickness", 1, 4, 2)],
  slice: [units("position", "Plane position", 10, 22, 16)],
  thicken: [units("thickness", "Thickness", 1, 5, 3)],
  draft: [degrees("angle", "Draft angle", 5, 25, 10)],
  hole: [units("diameter", "Hole diameter", 2, 10, 6)],
  distance: [units("length", "Measured length", 8, 24, 20)],
  angle: [degrees("angle", "Measured angle", 15, 150, 50)],
  area: [count("sides", "Boundary sides", 3, 8, 5)],
  dimLinear: [units("length", "Dimension value", 8, 24, 20)],
  dimAligned: [units("length", "Dimension value", 8, 20, 16), degrees("angle", "Edge angle", 10, 80, 30)],
  dimRadius: [units("radius", "Radius", 5, 10, 8)],
  dimDiameter: [units("diameter", "Diameter", 10, 22, 18)],
  dimAngular: [degrees("angle", "Angle", 15, 150, 60)],
  zoom: [spec("factor", "Zoom factor", 1.5, 4, 0.5, "×", 2)],
  pan: [units("distance", "Pan distance", 4, 12, 9)],
  orbit: [degrees("angle", "Orbit angle", 60, 320, 270)],
  grid: [units("spacing", "Grid spacing", 3, 8, 4)],
  snap: [units("spacing", "Snap spacing", 3, 6, 4)],
  generic: [],
};

function allSpecs(tool: ToolId): readonly Spec[] {
  return [...OWN[tool], ...VIEW_PARAMETERS];
}

export const TOOL_PARAMETERS: Readonly<Record<ToolId, readonly ParameterSpec[]>> = Object.fromEntries(
  (Object.keys(OWN) as ToolId[]).map((tool) => [tool, allSpecs(tool)]),
) as Record<ToolId, readonly ParameterSpec[]>;

/** The tool's own parameters (without size, turn, flip). */
export function ownParameters(tool: ToolId): readonly ParameterSpec[] {
  return OWN[tool];
}

export function defaultParams(tool: ToolId): Record<string, number> {
  return Object.fromEntries(allSpecs(tool).map((s) => [s.key, s.default]));
}

/** A value brought into the spec's range and onto its step. */
export function clampToSpec(s: ParameterSpec, value: number): number {
  const bounded = Math.min(s.max, Math.max(s.min, value));
  const stepped = s.min + Math.round((bounded - s.min) / s.step) * s.step;
  return Math.round(Math.min(s.max, stepped) * 1000) / 1000;
}

/**
 * The tool's complete parameters: defaults, then `values` (clamped) for the keys the tool has.
 * Keys the tool does not have and non-finite numbers are ignored.
 */
export function resolveParams(tool: ToolId, values: ParamValues = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of allSpecs(tool)) {
    const given = Object.hasOwn(values, s.key) ? values[s.key] : undefined;
    out[s.key] = typeof given === "number" && Number.isFinite(given) ? clampToSpec(s, given) : s.default;
  }
  return out;
}

export function specOf(tool: ToolId, key: string): ParameterSpec | undefined {
  return allSpecs(tool).find((s) => s.key === key);
}
