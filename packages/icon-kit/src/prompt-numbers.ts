/**
 * Numbers in prompts and what they count: "45 degrees", "45°", "3 by 4", "3x4", "6 sides",
 * "5 equal parts", "radius 4", "array of six". Browser-safe. See docs/design-system.md#prompts.
 *
 * Public API:
 * - `tokenize(prompt)` — lower-case words and numbers, number words already turned into numbers.
 * - `readNumbers(tokens)` — every number with its role (null when nothing says what it counts)
 *   and the token indexes it used.
 */

export type NumberRole =
  | "degrees"
  | "sides"
  | "rows"
  | "columns"
  | "count"
  | "divisions"
  | "points"
  | "radius"
  | "diameter"
  | "distance"
  | "length"
  | "width"
  | "height"
  | "spacing"
  | "factor"
  | "percent";

export interface NumberMention {
  readonly value: number;
  readonly role: NumberRole | null;
  /** A second number: columns of "3 by 4" (rows in `value`). */
  readonly second?: number;
  /** "by 30 degrees": a change by this amount, not a value (refine). */
  readonly relative: boolean;
  /** The noun a number without a role counts ("two circles"): it then sets no parameter. */
  readonly counts?: string;
  readonly tokens: readonly number[];
}

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  single: 1,
  double: 2,
  twice: 2,
  triple: 3,
  half: 0.5,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const AFTER: Readonly<Record<string, NumberRole>> = {
  degrees: "degrees",
  degree: "degrees",
  deg: "degrees",
  sides: "sides",
  side: "sides",
  sided: "sides",
  gon: "sides",
  edges: "sides",
  rows: "rows",
  row: "rows",
  columns: "columns",
  column: "columns",
  cols: "columns",
  copies: "count",
  copy: "count",
  items: "count",
  instances: "count",
  holes: "count",
  times: "count",
  elements: "count",
  objects: "count",
  bolts: "count",
  circles: "count",
  spokes: "count",
  parts: "divisions",
  pieces: "divisions",
  segments: "divisions",
  divisions: "divisions",
  intervals: "divisions",
  points: "points",
  lines: "count",
  vertices: "points",
  sections: "points",
  profiles: "points",
  percent: "percent",
  x: "factor",
  mm: "distance",
  units: "distance",
  unit: "distance",
};
const BEFORE: Readonly<Record<string, NumberRole>> = {
  radius: "radius",
  r: "radius",
  diameter: "diameter",
  dia: "diameter",
  distance: "distance",
  offset: "distance",
  angle: "degrees",
  factor: "factor",
  into: "divisions",
  spacing: "spacing",
  gap: "spacing",
  length: "length",
  width: "width",
  height: "height",
  sides: "sides",
  rows: "rows",
  columns: "columns",
  count: "count",
  of: "count",
  scale: "factor",
};
const FILLER = new Set(["equal", "equally", "even", "evenly", "spaced", "identical", "more", "new"]);

export function tokenize(prompt: string): string[] {
  const text = prompt
    .toLowerCase()
    .normalize("NFKD")
    .replace(/°/g, " degrees ")
    .replace(/%/g, " percent ")
    .replace(/×/g, " x ")
    .replace(/(\d)\s*x\s*(\d)/g, "$1 x $2")
    .replace(/(\d)x\b/g, "$1 x");
  const raw = text.match(/\d+(?:\.\d+)?|[a-z]+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const word = raw[i] ?? "";
    const tens = TENS[word];
    if (tens !== undefined) {
      const unit = UNITS[raw[i + 1] ?? ""];
      if (unit !== undefined && unit >= 1 && unit <= 9) {
        out.push(String(tens + unit));
        i++;
      } else out.push(String(tens));
      continue;
    }
    const unit = Object.hasOwn(UNITS, word) ? UNITS[word] : undefined;
    out.push(unit !== undefined ? String(unit) : word);
  }
  return out;
}

const isNumber = (token: string | undefined): boolean => token !== undefined && /^\d/.test(token);

export function readNumbers(tokens: readonly string[]): NumberMention[] {
  const out: NumberMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!isNumber(token)) continue;
    const value = Number(token);
    const joiner = tokens[i + 1];
    if ((joiner === "x" || joiner === "by") && isNumber(tokens[i + 2])) {
      out.push({
        value,
        second: Number(tokens[i + 2]),
        role: "rows",
        relative: false,
        tokens: [i, i + 1, i + 2],
      });
      i += 2;
      continue;
    }
    const used = [i];
    let role: NumberRole | null = null;
    let next = i + 1;
    while (FILLER.has(tokens[next] ?? "")) next++;
    const after = tokens[next] ?? "";
    if (Object.hasOwn(AFTER, after)) {
      role = AFTER[after] ?? null;
      for (let k = i + 1; k <= next; k++) used.push(k);
    }
    const before = tokens[i - 1] ?? "";
    const relative = before === "by";
    if (role === null && Object.hasOwn(BEFORE, before)) {
      role = BEFORE[before] ?? null;
      used.unshift(i - 1);
    } else if (relative) used.unshift(i - 1);
    const noun =
      role === null && /^[a-z]+$/.test(after) && after !== "by" && after !== "x" ? after : undefined;
    out.push(
      noun ? { value, role, relative, tokens: used, counts: noun } : { value, role, relative, tokens: used },
    );
  }
  return out;
}
