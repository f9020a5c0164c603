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
  offset: [units("distance", "Offset distance", 1.5, 6, 4)],
  fillet: [units("radius", "Fillet radius", 2, 14, 8)],
  chamfer: [units("distance", "Chamfer distance", 2, 14, 8)],
  trim: [units("position", "Cutting edge position", 8, 24, 16)],
  extend: [units("length", "Extension", 4, 14, 10)],
  split: [count("pieces", "Pieces", 2, 4, 2)],
  join: [count("segments", "Segments", 2, 4, 2)],
  mirror: [degrees("angle", "Axis angle", 0, 90, 90)],
  rotate: [degrees("angle", "Rotation angle", 5, 180, 40)],
  scale: [spec("factor", "Scale factor", 1.25, 3, 0.25, "×", 2.5)],
  move: [units("distance", "Move distance", 6, 18, 14)],
  array: [count("rows", "Rows", 1, 5, 3), count("columns", "Columns", 1, 5, 3)],
  extrude: [units("height", "Extrusion height", 4, 16, 10)],
  revolve: [degrees("angle", "Revolution angle", 90, 360, 360)],
  loft: [count("sections", "Sections", 2, 4, 3)],
  sweep: [units("width", "Profile width", 2, 4, 3)],
  intersect: [units("spacing", "Centre spacing", 3, 9, 8)],
  divide: [count("divisions", "Divisions", 2, 10, 4)],
  distance: [units("length", "Measured length", 8, 24, 20)],
  angle: [degrees("angle", "Measured angle", 15, 150, 50)],
  area: [count("sides", "Boundary sides", 3, 8, 5)],
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
