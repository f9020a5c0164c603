/**
 * Reads a prompt in CAD users' words: which tool it names, the numbers it gives, what was
 * understood and what was not. Browser-safe and pure. Rules: docs/design-system.md#prompts.
 *
 * Public API:
 * - `readPrompt(prompt) => PromptReading` (engine-contract.ts). The operation decides the tool:
 *   an operation outranks the shape it works on, which outranks a quantity word; words in object
 *   position ("array of 6 holes", "fillet between two lines") do not compete. Two operations
 *   with nothing to decide between them, or a number the tool cannot take, are `not_understood`
 *   with up to three suggestions. Typos within one or two edits of a vocabulary word are read as
 *   that word and listed as `typo→word`.
 * - Re-exports `ToolId`, `TOOL_IDS`, `TOOL_TYPE_OF`, `TOOL_LABELS`, `isToolId` from tool-catalog.
 */
import { editDistance, typoAllowance } from "./edit-distance";
import type { PromptReading } from "./engine-contract";
import {
  ALIASES,
  AMBIGUOUS_HEADS,
  IMPLIED_PARAMS,
  MODIFIERS,
  OPERATION,
  PAIRS,
  QUALIFIERS,
  STOP_WORDS,
  WORDS,
} from "./lexicon";
import { readNumbers, tokenize } from "./prompt-numbers";
import { paramsFromNumbers } from "./prompt-params";
import { isStyleWord } from "./style-requests";
import { TOOL_LABELS, type ToolId } from "./tool-catalog";
import { clampToSpec, specOf } from "./tool-parameters";

export { isToolId, TOOL_IDS, TOOL_LABELS, TOOL_TYPE_OF, type ToolId } from "./tool-catalog";

const PAIR_WORDS = new Set(PAIRS.flatMap((p) => [...p.heads, ...p.with]));
// Prepositions that make the next noun the object of the operation, not a competing tool.
const OBJECT_MARKERS = new Set([
  "of",
  "in",
  "between",
  "on",
  "onto",
  "along",
  "around",
  "from",
  "into",
  "to",
  "with",
  "through",
  "at",
  "inside",
  "within",
  "across",
  "about",
]);
const DEFAULT_SUGGESTIONS: readonly ToolId[] = ["line", "circle", "array"];
const TYPO_DICTIONARY = [...new Set([...WORDS.keys(), ...PAIR_WORDS])].filter((w) => w.length >= 3);

function known(word: string): boolean {
  return (
    WORDS.has(word) ||
    PAIR_WORDS.has(word) ||
    MODIFIERS.has(word) ||
    Object.hasOwn(IMPLIED_PARAMS, word) ||
    Object.hasOwn(AMBIGUOUS_HEADS, word)
  );
}

function stems(word: string): string[] {
  const out = [word];
  if (word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) out.push(word.slice(0, -2));
  if (word.endsWith("s")) out.push(word.slice(0, -1));
  if (word.endsWith("ing")) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith("ed")) out.push(word.slice(0, -2), word.slice(0, -1));
  return out;
}

/** The vocabulary form of a token, a typo's correction, or null. */
function lemmaOf(token: string): { lemma: string; typo: boolean } | null {
  const stem = stems(token).find(known);
  if (stem !== undefined) return { lemma: stem, typo: false };
  const allowance = typoAllowance(token.length);
  if (allowance === 0 || /\d/.test(token)) return null;
  // Typos seldom change the first letter, so at equal distance a word with the same first letter wins.
  let best: { word: string; distance: number } | null = null;
  for (const word of TYPO_DICTIONARY) {
    const distance = editDistance(token, word, allowance) + (word[0] === token[0] ? 0 : 0.5);
    if (distance <= allowance + 0.5 && (!best || distance < best.distance)) best = { word, distance };
  }
  if (best && best.distance > allowance + 0.5) best = null;
  return best ? { lemma: best.word, typo: true } : null;
}

/** A tool word after "of", "between", "in"… (up to three words back, none of them a tool word) is an object. */
function isObject(tokens: readonly string[], lemmas: readonly (string | null)[], index: number): boolean {
  for (let i = index - 1; i >= 0 && i >= index - 3; i--) {
    const word = tokens[i] ?? "";
    if (OBJECT_MARKERS.has(word)) return true;
    const lemma = lemmas[i];
    if (lemma !== null && lemma !== undefined && WORDS.has(lemma)) return false;
  }
  return false;
}

function labels(tools: readonly ToolId[]): string[] {
  return [...new Set(tools)].slice(0, 3).map((t) => TOOL_LABELS[t]);
}

/** Closest tools by spelling to the words that were not understood, then a few common ones. */
function suggestFor(unknown: readonly string[], qualifiers: readonly string[]): string[] {
  const found: ToolId[] = [];
  for (const q of qualifiers) for (const pair of PAIRS) if (pair.with.includes(q)) found.push(pair.tool);
  const scored: { tool: ToolId; distance: number }[] = [];
  for (const word of unknown) {
    for (const candidate of TYPO_DICTIONARY) {
      const limit = Math.max(2, Math.ceil(word.length / 2));
      const distance = editDistance(word, candidate, limit);
      const tool = WORDS.get(candidate)?.tool ?? PAIRS.find((p) => p.with.includes(candidate))?.tool;
      if (tool && distance <= limit) scored.push({ tool, distance });
    }
  }
  scored.sort((a, b) => a.distance - b.distance);
  return labels([
    ...found,
    ...scored.map((s) => s.tool).filter((t) => t !== "generic"),
    ...DEFAULT_SUGGESTIONS,
  ]);
}

function notUnderstood(
  understood: string[],
  unknown: string[],
  suggestions: string[],
  message: string,
): PromptReading {
  return { status: "not_understood", tool: null, params: {}, understood, unknown, suggestions, message };
}

interface Hit {
  readonly tool: ToolId;
  readonly strength: number;
  readonly object: boolean;
  readonly word: string;
}

export function readPrompt(prompt: string): PromptReading {
  const tokens = tokenize(prompt);
  const numbers = readNumbers(tokens);
  const numberTokens = new Set(numbers.flatMap((n) => n.tokens));
  // Nouns a number counts ("3 lines", "6 holes") describe what is drawn more than they name a tool.
  const counted = new Set(
    numbers.flatMap((n) =>
      n.tokens.filter((t) => t > (n.tokens.find((i) => /^\d/.test(tokens[i] ?? "")) ?? t)),
    ),
  );
  const rawWords = prompt.normalize("NFKD").match(/[A-Za-z0-9]+/g) ?? [];
  const wordTokens = tokens.filter((_, i) => !numberTokens.has(i));

  const understood: string[] = [];
  const unknown: string[] = [];
  const lemmas: (string | null)[] = tokens.map(() => null);
  const note = (list: string[], word: string) => {
    if (!list.includes(word)) list.push(word);
  };

  // A short alias counts when written in capitals ("CO", "AR") or when it is the whole prompt ("l").
  const aliasHits: Hit[] = [];
  const aliasTokens = new Set<number>();
  tokens.forEach((token, i) => {
    if (numberTokens.has(i) || !Object.hasOwn(ALIASES, token)) return;
    const raw = rawWords.find((w) => w.toLowerCase() === token) ?? "";
    const capital = raw.length >= 2 && raw === raw.toUpperCase() && !/^\d+$/.test(raw);
    if (capital || wordTokens.length === 1) {
      const tool = ALIASES[token] as ToolId;
      aliasHits.push({ tool, strength: OPERATION, object: false, word: token });
      aliasTokens.add(i);
    }
  });

  tokens.forEach((token, i) => {
    if (numberTokens.has(i)) {
      // Words beside a number ("offset 3", "radius 4") can still name a tool.
      const stem = /^\d/.test(token) ? undefined : stems(token).find(known);
      if (stem !== undefined) lemmas[i] = stem;
      note(understood, token);
      return;
    }
    if (aliasTokens.has(i)) {
      note(understood, token);
      return;
    }
    if (isStyleWord(token)) {
      note(understood, token);
      return;
    }
    if (STOP_WORDS.has(token) || Object.hasOwn(ALIASES, token)) {
      if (!STOP_WORDS.has(token)) note(unknown, token);
      return;
    }
    const lemma = lemmaOf(token);
    if (!lemma) {
      note(unknown, token);
      return;
    }
    lemmas[i] = lemma.lemma;
    note(understood, lemma.typo ? `${token}→${lemma.lemma}` : token);
  });

  // Pairs first: "polar array" is one tool, and its two words no longer compete on their own.
  const hits: Hit[] = [...aliasHits];
  const paired = new Set<number>();
  for (const pair of PAIRS) {
    const head = lemmas.findIndex((l) => l !== null && pair.heads.includes(l));
    const other = lemmas.findIndex((l, i) => i !== head && l !== null && pair.with.includes(l));
    if (head < 0 || other < 0) continue;
    if (paired.has(head) && paired.has(other)) continue;
    hits.push({
      tool: pair.tool,
      strength: OPERATION + 0.5,
      object: false,
      word: `${tokens[head]} ${tokens[other]}`,
    });
    paired.add(head);
    paired.add(other);
  }
  lemmas.forEach((lemma, i) => {
    if (lemma === null || paired.has(i)) return;
    const entry = WORDS.get(lemma);
    if (entry)
      hits.push({
        tool: entry.tool,
        strength: counted.has(i) ? Math.min(entry.strength, 1.5) : entry.strength,
        object: isObject(tokens, lemmas, i),
        word: tokens[i] ?? lemma,
      });
  });

  const qualifiers = lemmas.filter((l, i): l is string => l !== null && !paired.has(i) && QUALIFIERS.has(l));
  if (tokens.length === 0) {
    return notUnderstood(
      [],
      [],
      labels(DEFAULT_SUGGESTIONS),
      "The prompt is empty; name a tool such as line, fillet or linear dimension.",
    );
  }
  const competing = hits.some((h) => !h.object) ? hits.filter((h) => !h.object) : hits;
  if (competing.length === 0) {
    const ambiguous = lemmas.find((l): l is string => l !== null && Object.hasOwn(AMBIGUOUS_HEADS, l));
    if (ambiguous) {
      const options = AMBIGUOUS_HEADS[ambiguous] ?? [];
      const names = options.map((t) => TOOL_LABELS[t]);
      return notUnderstood(
        understood,
        unknown,
        names,
        `"${ambiguous}" can be ${names.join(" or ")}; say which one.`,
      );
    }
    return notUnderstood(
      understood,
      unknown,
      suggestFor(unknown, qualifiers),
      "No tool was recognised in the prompt; name a drawing, editing, measuring or view tool (for example line, fillet or linear dimension).",
    );
  }
  const top = Math.max(...competing.map((h) => h.strength));
  const best = competing.filter((h) => h.strength === top);
  const tools = [...new Set(best.map((h) => h.tool))];
  if (tools.length > 1) {
    const words = best
      .filter((h, i) => best.findIndex((o) => o.tool === h.tool) === i)
      .map((h) => `"${h.word}"`);
    return notUnderstood(
      understood,
      unknown,
      labels(tools),
      `${words.join(" and ")} name different tools (${tools.map((t) => TOOL_LABELS[t]).join(", ")}); keep the one you mean.`,
    );
  }
  let tool = tools[0] as ToolId;
  // "3 by 4 grid" is a rectangular array: the grid view has no rows or columns.
  if (tool === "grid" && numbers.some((n) => n.second !== undefined)) tool = "array";

  const numeric = paramsFromNumbers(tool, numbers);
  const conflicts = [...numeric.conflicts];
  const params: Record<string, number> = {};
  for (const lemma of lemmas) {
    const implied =
      lemma !== null && Object.hasOwn(IMPLIED_PARAMS, lemma) ? IMPLIED_PARAMS[lemma] : undefined;
    for (const [key, value] of Object.entries(implied ?? {})) {
      if (!specOf(tool, key)) continue;
      const named = numeric.params[key];
      if (named !== undefined && named !== value) {
        conflicts.push(`A ${lemma} has ${value} ${key}, not ${named}; name one or the other.`);
      }
      params[key] = value;
    }
  }
  for (const [key, value] of Object.entries(numeric.params)) params[key] = value;
  if (conflicts.length > 0) {
    return notUnderstood(understood, unknown, labels([tool, ...DEFAULT_SUGGESTIONS]), conflicts[0] as string);
  }
  const clamped: Record<string, number> = {};
  for (const [key, value] of Object.entries(params)) {
    const spec = specOf(tool, key);
    if (spec) clamped[key] = clampToSpec(spec, value);
  }
  return { status: "understood", tool, params: clamped, understood, unknown, suggestions: [] };
}
