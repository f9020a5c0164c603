/**
 * The modifier words of a refinement and the parameters they nudge. Browser-safe data.
 * Table: docs/design-system.md#refining.
 */

export type Step = { readonly keys: readonly string[]; readonly by: number; readonly counts?: true } | "flip";

const COUNTS = [
  "sides",
  "count",
  "divisions",
  "points",
  "vertices",
  "sections",
  "pieces",
  "segments",
  "columns",
  "lines",
];
// Size is the last resort: an arc "taller" or a circle "wider" grows as a whole.
const WIDTHS = ["width", "length", "spacing", "gap", "sweep", "size"];
const SPACINGS = ["spacing", "gap", "distance"];

/**
 * Each word nudges the first of its keys the tool has, by `by` in the key's units (at least one
 * step of the key, so a 5° step still moves).
 */
export const STEPS: Readonly<Record<string, Step>> = {
  larger: { keys: ["size"], by: 2 },
  bigger: { keys: ["size"], by: 2 },
  enlarge: { keys: ["size"], by: 2 },
  grow: { keys: ["size"], by: 2 },
  smaller: { keys: ["size"], by: -2 },
  shrink: { keys: ["size"], by: -2 },
  more: { keys: COUNTS, by: 1, counts: true },
  fewer: { keys: COUNTS, by: -1, counts: true },
  less: { keys: COUNTS, by: -1, counts: true },
  wider: { keys: WIDTHS, by: 2 },
  broader: { keys: WIDTHS, by: 2 },
  narrower: { keys: WIDTHS, by: -2 },
  taller: { keys: ["height", "length", "size"], by: 2 },
  higher: { keys: ["height", "length", "size"], by: 2 },
  deeper: { keys: ["height", "thickness"], by: 2 },
  shorter: { keys: ["height", "length", "distance", "size"], by: -2 },
  longer: { keys: ["length", "distance", "width", "height", "size"], by: 2 },
  rounder: { keys: ["radius", "diameter"], by: 2 },
  sharper: { keys: ["radius", "diameter"], by: -2 },
  tighter: { keys: SPACINGS, by: -1 },
  closer: { keys: SPACINGS, by: -1 },
  denser: { keys: SPACINGS, by: -1 },
  looser: { keys: SPACINGS, by: 1 },
  steeper: { keys: ["angle"], by: 10 },
  flatter: { keys: ["angle"], by: -10 },
  flip: "flip",
  flipped: "flip",
  mirror: "flip",
  mirrored: "flip",
  reverse: "flip",
};

/** Rotation words: by the angle the prompt names, else 15° for the rotate tool and a quarter turn for others. */
export const TURN_WORDS: ReadonlySet<string> = new Set(["rotate", "rotated", "turn", "turned", "spin"]);

/** Plural nouns after more/fewer that pick the count to change ("more rows"). */
export const COUNT_NOUNS: Readonly<Record<string, string>> = {
  sides: "sides",
  rows: "rows",
  columns: "columns",
  copies: "count",
  items: "count",
  holes: "count",
  divisions: "divisions",
  parts: "divisions",
  points: "points",
  vertices: "vertices",
  sections: "sections",
  pieces: "pieces",
  segments: "segments",
  lines: "lines",
};

/** Filler that carries no change and is not reported as unknown. */
export const QUIET: ReadonlySet<string> = new Set(
  "a an the it its make bit little slightly much by please and with so to of this icon lot one some is be should than now".split(
    " ",
  ),
);
