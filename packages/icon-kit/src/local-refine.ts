/**
 * Refinement: modifier words change the reference icon's parameters ("larger", "8 sides",
 * "rotate by 30 degrees", "flip"); what the design system forbids is refused with the reason,
 * and a refinement that would change nothing is refused too. Browser-safe.
 * Rules: docs/design-system.md#refining.
 */
import type { ParamChange, ParamValues, PromptReading } from "./engine-contract";
import { readNumbers, tokenize } from "./prompt-numbers";
import { paramsFromNumbers } from "./prompt-params";
import { COUNT_NOUNS, QUIET, STEPS, TURN_WORDS } from "./refine-words";
import { forbiddenRequest } from "./style-requests";
import { TOOL_CONSTRUCTIONS, TOOL_LABELS, type ToolId } from "./tool-catalog";
import { clampToSpec, ownParameters, resolveParams, specOf, TOOL_PARAMETERS } from "./tool-parameters";
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

const LAYER_WORDS = new Set(["guide", "guides", "grip", "grips", "handle", "handles", "construction"]);

interface Base {
  readonly tool: ToolId;
  readonly params: ParamValues;
}

/**
 * "Make it a square": the new tool starts from its defaults with the reference's size and
 * orientation plus what the prompt names; the changes list its own parameters, from the
 * reference's value for the same key or else the new tool's default.
 */
function switchTool(base: Base, tool: ToolId, reading: PromptReading): RefineResult {
  const keep: Record<string, number> = {};
  for (const key of ["size", "turn", "flip"]) {
    const value = base.params[key];
    if (value !== undefined) keep[key] = value;
  }
  const params = resolveParams(tool, { ...keep, ...reading.params });
  const defaults = resolveParams(tool);
  const own = ownParameters(tool).length > 0 ? ownParameters(tool) : TOOL_PARAMETERS[tool];
  const changes = own.map((s) => ({
    key: s.key,
    from: base.params[s.key] ?? defaults[s.key] ?? s.min,
    to: params[s.key] ?? s.min,
  }));
  return {
    status: "ok",
    tool,
    params,
    changes,
    understood: [...reading.understood],
    unknown: [...reading.unknown],
    switchedFrom: base.tool,
  };
}

export function refineReference(prompt: string, base: Base): RefineResult {
  const forbidden = forbiddenRequest(prompt, true);
  if (forbidden) {
    return {
      status: "refused",
      reason: "forbidden_by_design_system",
      message: forbidden,
      understood: [],
      unknown: [],
    };
  }
  const tokens = tokenize(prompt);
  // Guides and grips come with a construction; another construction is another variant.
  const layerWord = tokens.find((t) => LAYER_WORDS.has(t));
  if (layerWord) {
    const names = TOOL_CONSTRUCTIONS[base.tool].join(", ");
    return {
      status: "refused",
      reason: "no_change",
      message: `Nothing changed: the ${layerWord} of an icon come with its construction; the variants of one answer show the ${TOOL_LABELS[base.tool]}'s constructions (${names}), pick the one you want.`,
      understood: [layerWord],
      unknown: [],
    };
  }
  const numbers = readNumbers(tokens);
  const reading = readPrompt(prompt);
  const modifies = numbers.length > 0 || tokens.some((t) => Object.hasOwn(STEPS, t) || TURN_WORDS.has(t));
  if (reading.tool !== null && reading.tool !== base.tool && !modifies)
    return switchTool(base, reading.tool, reading);

  const tool = base.tool;
  const before = resolveParams(tool, base.params);
  const params = { ...before };
  const set = (key: string, value: number) => {
    const spec = specOf(tool, key);
    if (spec) params[key] = clampToSpec(spec, value);
  };
  const numeric = paramsFromNumbers(tool, numbers);
  for (const [key, value] of Object.entries(numeric.params)) {
    set(key, numeric.relative.has(key) ? (params[key] ?? 0) + value : value);
  }

  const understood: string[] = [];
  const unknown: string[] = [];
  const numberTokens = new Set(numbers.flatMap((n) => n.tokens));
  const degreesGiven = numbers.some((n) => n.role === "degrees");
  tokens.forEach((word, i) => {
    const step = Object.hasOwn(STEPS, word) ? STEPS[word] : undefined;
    const after = tokens[i + 1] ?? "";
    if (numberTokens.has(i)) understood.push(word);
    else if (step === "flip") {
      set("flip", 1 - (params.flip ?? 0));
      understood.push(word);
    } else if (step) {
      const noun = step.counts && Object.hasOwn(COUNT_NOUNS, after) ? COUNT_NOUNS[after] : undefined;
      const key = (noun ? [noun] : step.keys).find((k) => specOf(tool, k));
      const spec = key ? specOf(tool, key) : undefined;
      if (key && spec) {
        set(key, (params[key] ?? 0) + Math.sign(step.by) * Math.max(Math.abs(step.by), spec.step));
        understood.push(word);
      } else unknown.push(word);
    } else if (TURN_WORDS.has(word)) {
      understood.push(word);
      if (degreesGiven) return;
      if (tool === "rotate") set("angle", (params.angle ?? 0) + 15);
      else set("turn", ((params.turn ?? 0) + 90) % 360);
    } else if (Object.hasOwn(COUNT_NOUNS, word) && ["more", "fewer", "less"].includes(tokens[i - 1] ?? "")) {
      understood.push(word);
    } else if (!QUIET.has(word)) unknown.push(word);
  });

  const changes = Object.keys(params)
    .filter((key) => params[key] !== before[key])
    .map((key) => ({ key, from: before[key] ?? 0, to: params[key] ?? 0 }));
  if (changes.length > 0) return { status: "ok", tool, params, changes, understood, unknown };
  const label = TOOL_LABELS[tool];
  const quoted = unknown.map((w) => `"${w}"`).join(", ");
  const message =
    unknown.length > 0
      ? `Nothing changed: ${quoted} ${unknown.length === 1 ? "was" : "were"} not understood as a change to the ${label}; try larger, smaller, more, fewer, rotate or flip.`
      : understood.length > 0
        ? `Nothing changed: the ${label} is already at the limit of what was asked; try the opposite change or another parameter.`
        : `Nothing changed: the prompt asks for no change to the ${label}; try larger, smaller, more, fewer, rotate or flip.`;
  return { status: "refused", reason: "no_change", message, understood, unknown };
}
