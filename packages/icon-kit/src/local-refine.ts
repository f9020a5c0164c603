/**
 * Refinement: modifier words change the reference icon's parameters ("larger", "8 sides",
 * "rotate by 30 degrees", "flip"); what the design system forbids is refused with the reason,
 * and a refinement that would change nothing is refused too. Browser-safe.
 * Rules: docs/design-system.md#refining.
 */
import type { ParamChange, ParamValues } from "./engine-contract";
import { readNumbers, tokenize } from "./prompt-numbers";
import { paramsFromNumbers } from "./prompt-params";
import { forbiddenRequest } from "./style-requests";
import { TOOL_LABELS, type ToolId } from "./tool-catalog";
import { ownParameters, resolveParams, specOf } from "./tool-parameters";
import { readPrompt } from "./vocabulary";

export type RefineResult =
  | {
      readonly status: "ok";
      readonly tool: ToolId;
      readonly params: Record<string, number>;
      readonly changes: ParamChange[];
      readonly understood: string[];
      readonly unknown: string[];
      readonly switchedFrom?: ToolId;
    }
  | {
      readonly status: "refused";
      readonly reason: "forbidden_by_design_system" | "no_change";
      readonly message: string;
      readonly understood: string[];
      readonly unknown: string[];
    };

type Step = { keys: readonly string[]; by: number } | { flip: true };

// Each modifier word nudges the first of its keys the tool has, by a step in the key's own units.
const STEPS: Readonly<Record<string, Step>> = {
  larger: { keys: ["size"], by: 2 },
  bigger: { keys: ["size"], by: 2 },
  enlarge: { keys: ["size"], by: 2 },
  grow: { keys: ["size"], by: 2 },
  smaller: { keys: ["size"], by: -2 },
  shrink: { keys: ["size"], by: -2 },
  tiny: { keys: ["size"], by: -6 },
  more: {
    keys: [
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
    ],
    by: 1,
  },
  fewer: {
    keys: [
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
    ],
    by: -1,
  },
  less: {
    keys: [
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
    ],
    by: -1,
  },
  wider: { keys: ["width", "length", "spacing", "gap", "sweep"], by: 2 },
  broader: { keys: ["width", "length", "spacing", "gap", "sweep"], by: 2 },
  narrower: { keys: ["width", "length", "spacing", "gap", "sweep"], by: -2 },
  taller: { keys: ["height", "length"], by: 2 },
  higher: { keys: ["height", "length"], by: 2 },
  deeper: { keys: ["height", "depth", "thickness"], by: 2 },
  shorter: { keys: ["height", "length", "distance"], by: -2 },
  longer: { keys: ["length", "distance", "width", "height"], by: 2 },
  rounder: { keys: ["radius", "diameter"], by: 2 },
  sharper: { keys: ["radius", "diameter"], by: -2 },
  tighter: { keys: ["spacing", "gap", "distance"], by: -1 },
  closer: { keys: ["spacing", "gap", "distance"], by: -1 },
  denser: { keys: ["spacing", "gap", "distance"], by: -1 },
  looser: { keys: ["spacing", "gap", "distance"], by: 1 },
  steeper: { keys: ["angle"], by: 10 },
  flatter: { keys: ["angle"], by: -10 },
  flip: { flip: true },
  flipped: { flip: true },
  mirror: { flip: true },
  mirrored: { flip: true },
  reverse: { flip: true },
};
const TURN_WORDS = new Set(["rotate", "rotated", "turn", "turned", "spin"]);
// Plural nouns that pick which count "more"/"fewer" changes ("more rows").
const COUNT_NOUNS: Readonly<Record<string, string>> = {
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
const QUIET = new Set([
  "a",
  "an",
  "the",
  "it",
  "its",
  "make",
  "bit",
  "little",
  "slightly",
  "much",
  "by",
  "please",
  "and",
  "with",
  "more",
  "so",
  "to",
  "of",
  "this",
  "icon",
  "lot",
  "one",
  "some",
  "is",
  "be",
  "should",
  "bigger",
  "than",
  "now",
]);

function quietWord(word: string): boolean {
  return QUIET.has(word);
}

export function refineReference(prompt: string, base: { tool: ToolId; params: ParamValues }): RefineResult {
  const tokens = tokenize(prompt);
  const forbidden = forbiddenRequest(prompt, true);
  const understood: string[] = [];
  const unknown: string[] = [];
  if (forbidden)
    return {
      status: "refused",
      reason: "forbidden_by_design_system",
      message: forbidden,
      understood,
      unknown,
    };

  const reading = readPrompt(prompt);
  const numbers = readNumbers(tokens);
  const numberTokens = new Set(numbers.flatMap((n) => n.tokens));
  let tool = base.tool;
  const turnAsked = tokens.some((t) => TURN_WORDS.has(t));
  const stepWords = tokens.filter((t) => Object.hasOwn(STEPS, t));
  let switchedFrom: ToolId | undefined;
  if (
    reading.tool !== null &&
    reading.tool !== base.tool &&
    stepWords.length === 0 &&
    !turnAsked &&
    numbers.length === 0
  ) {
    switchedFrom = base.tool;
    tool = reading.tool;
  }
  const params = resolveParams(
    tool,
    switchedFrom
      ? {
          ...reading.params,
          size: base.params.size ?? 20,
          turn: base.params.turn ?? 0,
          flip: base.params.flip ?? 0,
        }
      : base.params,
  );
  const before = { ...params };
  if (switchedFrom) {
    const changes = ownParameters(tool).map((s) => ({
      key: s.key,
      from: base.params[s.key] ?? s.default ?? s.min,
      to: params[s.key] ?? s.min,
    }));
    return {
      status: "ok",
      tool,
      params,
      changes,
      understood: [...reading.understood],
      unknown: [...reading.unknown],
      switchedFrom,
    };
  }

  const set = (key: string, value: number) => {
    const s = specOf(tool, key);
    if (!s) return;
    params[key] = resolveParams(tool, { ...params, [key]: value })[key] ?? value;
  };
  const numeric = paramsFromNumbers(tool, numbers);
  for (const [key, value] of Object.entries(numeric.params)) {
    set(key, numeric.relative.has(key) ? (params[key] ?? 0) + value : value);
  }
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] ?? "";
    if (numberTokens.has(i)) {
      understood.push(word);
      continue;
    }
    const step = Object.hasOwn(STEPS, word) ? STEPS[word] : undefined;
    if (step && "flip" in step) {
      set("flip", 1 - (params.flip ?? 0));
      understood.push(word);
    } else if (step) {
      const noun = COUNT_NOUNS[tokens[i + 1] ?? ""];
      const keys = noun && (word === "more" || word === "fewer" || word === "less") ? [noun] : step.keys;
      const key = keys.find((k) => specOf(tool, k));
      if (key) {
        const s = specOf(tool, key);
        set(
          key,
          (params[key] ?? 0) +
            step.by * (s && s.step > 1 && step.by % s.step !== 0 ? s.step / Math.abs(step.by) : 1),
        );
        understood.push(word);
      } else unknown.push(word);
    } else if (TURN_WORDS.has(word)) {
      understood.push(word);
      if (!numbers.some((n) => n.role === "degrees")) {
        if (specOf(tool, "angle") && tool === "rotate") set("angle", (params.angle ?? 0) + 15);
        else set("turn", ((params.turn ?? 0) + 90) % 360);
      }
    } else if (COUNT_NOUNS[word] && ["more", "fewer", "less"].includes(tokens[i - 1] ?? "")) {
      understood.push(word);
    } else if (!quietWord(word)) unknown.push(word);
  }
  const changes: ParamChange[] = Object.keys(params)
    .filter((key) => params[key] !== before[key])
    .map((key) => ({ key, from: before[key] ?? 0, to: params[key] ?? 0 }));
  if (changes.length === 0) {
    const label = TOOL_LABELS[tool];
    const message =
      unknown.length > 0
        ? `Nothing changed: ${unknown.map((w) => `"${w}"`).join(", ")} ${unknown.length === 1 ? "was" : "were"} not understood as a change to the ${label}; try larger, smaller, more, fewer, rotate or flip.`
        : `Nothing changed: the ${label} is already at the limit of what was asked; try the opposite change or another parameter.`;
    return { status: "refused", reason: "no_change", message, understood, unknown };
  }
  return { status: "ok", tool, params, changes, understood, unknown };
}
