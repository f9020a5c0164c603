/**
 * Turns the numbers a prompt names into a tool's parameters, or says why one does not fit
 * ("3 by 4" on a polar array). Browser-safe. See docs/design-system.md#parameters.
 */
import type { NumberMention, NumberRole } from "./prompt-numbers";
import { TOOL_LABELS, type ToolId } from "./tool-catalog";
import { ownParameters } from "./tool-parameters";

// Which parameter keys a number in each role may set, best first.
const KEYS: Readonly<Record<NumberRole, readonly string[]>> = {
  degrees: ["angle", "sweep"],
  sides: ["sides"],
  rows: ["rows"],
  columns: ["columns"],
  count: ["count", "divisions", "pieces", "segments", "sides", "points", "vertices", "sections", "lines"],
  divisions: ["divisions", "pieces", "count", "segments"],
  points: ["points", "vertices", "sections", "count"],
  radius: ["radius", "diameter"],
  diameter: ["diameter", "radius"],
  distance: ["distance", "length", "spacing", "gap", "thickness", "height", "width", "radius", "diameter"],
  length: ["length", "distance", "width", "height"],
  width: ["width", "length", "thickness"],
  height: ["height", "length", "depth"],
  spacing: ["spacing", "gap", "distance"],
  factor: ["factor", "zoom"],
  percent: ["factor", "zoom"],
};

const DESCRIBE: Readonly<Record<NumberRole, string>> = {
  degrees: "an angle",
  sides: "a number of sides",
  rows: "rows and columns",
  columns: "columns",
  count: "a count",
  divisions: "a number of parts",
  points: "a number of points",
  radius: "a radius",
  diameter: "a diameter",
  distance: "a distance",
  length: "a length",
  width: "a width",
  height: "a height",
  spacing: "a spacing",
  factor: "a factor",
  percent: "a percentage",
};

// Roles that only make sense as a parameter: naming them for a tool without one is a contradiction.
// Counts of objects ("two circles", "three points") are not: they describe what is drawn.
const STRICT: ReadonlySet<NumberRole> = new Set(["sides", "rows", "columns", "factor", "percent"]);

export interface NumberReading {
  readonly params: Record<string, number>;
  /** Keys set by "by N" (a change, when refining). */
  readonly relative: ReadonlySet<string>;
  /** One sentence per number that cannot apply to the tool. */
  readonly conflicts: string[];
}

function valueFor(role: NumberRole, key: string, value: number): number {
  if (role === "diameter" && key === "radius") return value / 2;
  if (role === "radius" && key === "diameter") return value * 2;
  if (role === "percent") return value / 100;
  return value;
}

export function paramsFromNumbers(tool: ToolId, mentions: readonly NumberMention[]): NumberReading {
  const own = ownParameters(tool);
  const has = (key: string) => own.some((s) => s.key === key);
  const params: Record<string, number> = {};
  const relative = new Set<string>();
  const conflicts: string[] = [];
  const label = TOOL_LABELS[tool];
  for (const mention of mentions) {
    if (mention.second !== undefined) {
      if (has("rows") && has("columns")) {
        params.rows = mention.value;
        params.columns = mention.second;
      } else if (has("width") && has("height")) {
        params.width = mention.value;
        params.height = mention.second;
      } else {
        conflicts.push(
          `"${mention.value} by ${mention.second}" gives rows and columns, which a ${label} does not have.`,
        );
      }
      continue;
    }
    const role = mention.role;
    if (role === null && mention.counts !== undefined) continue;
    const candidates = role ? KEYS[role] : own.map((s) => s.key).slice(0, 1);
    const key = candidates.find(has);
    if (key === undefined) {
      // A quarter-turn angle on a tool without its own angle is an orientation.
      if (role === "degrees" && mention.value % 90 === 0) {
        params.turn = mention.value % 360;
        if (mention.relative) relative.add("turn");
        continue;
      }
      if (role !== null && STRICT.has(role))
        conflicts.push(`${mention.value} is ${DESCRIBE[role]}, which a ${label} does not have.`);
      continue;
    }
    params[key] = valueFor(role ?? "count", key, mention.value);
    if (mention.relative) relative.add(key);
  }
  return { params, relative, conflicts };
}
