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
import type { PromptReading } from "./engine-contract";
import {
  ALIASES,
  AMBIGUOUS_HEADS,
  IMPLIED_PARAMS,
  OPERATION,
  PAIRS,
  QUALIFIERS,
  SHAPE,
  STOP_WORDS,
  WORDS,
} from "./lexicon";
import { readNumbers, tokenize } from "./prompt-numbers";
import { paramsFromNumbers } from "./prompt-params";
import { isStyleWord } from "./style-requests";
import { TOOL_LABELS, type ToolId } from "./tool-catalog";
import { clampToSpec, specOf } from "./tool-parameters";
import { DEFAULT_SUGGESTIONS, known, labels, lemmaOf, stems, suggestFor } from "./word-match";

export { isToolId, TOOL_IDS, TOOL_LABELS, TOOL_TYPE_OF, type ToolId } from "./tool-catalog";

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
/** The preposition that makes a word an object (up to three words back, none of them a tool word), or null. */
function objectMarker(
  tokens: readonly string[],
  lemmas: readonly (string | null)[],
  index: number,
): string | null {
  for (let i = index - 1; i >= 0 && i >= index - 3; i--) {
    const word = tokens[i] ?? "";
    if (OBJECT_MARKERS.has(word)) return word;
    const lemma = lemmas[i];
    if (lemma !== null && lemma !== undefined && WORDS.has(lemma)) return null;
  }
  return null;
}

/** A tool word after "of", "between", "in"… is what the tool works on, not a competing tool. */
function isObject(tokens: readonly string[], lemmas: readonly (string | null)[], index: number): boolean {
  return objectMarker(tokens, lemmas, index) !== null;
}

// "Along a curve", "around a circle", "in a circle" say which kind of pattern; "of circles" says what is repeated.
const KIND_MARKERS = new Set(["along", "around", "in"]);

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

const ARTICLES = new Set(["a", "an", "the", "this", "that", "these", "those", "all", "every", "each"]);
// "Turn on the grid" switches a view setting; it is not a rotation.
const SWITCH = /\b(?:turn|switch)(?:s|ed|ing)?\s+(on|off)\b/gi;

export function readPrompt(prompt: string): PromptReading {
  const tokens = tokenize(prompt.replace(SWITCH, "toggle $1"));
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
    // A tool word in object position is what the tool works on ("pattern of circles"), not its kind.
    const other = lemmas.findIndex((l, i) => {
      if (i === head || l === null || !pair.with.includes(l)) return false;
      const marker = WORDS.has(l) ? objectMarker(tokens, lemmas, i) : null;
      return marker === null || KIND_MARKERS.has(marker);
    });
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
  // "Erase the line": an unknown verb acting on a shape is not a request to draw the shape.
  const lead = tokens[0] ?? "";
  if (top <= SHAPE && unknown[0] === lead && ARTICLES.has(tokens[1] ?? "")) {
    return notUnderstood(
      understood,
      unknown,
      suggestFor([lead], qualifiers),
      `"${lead}" is not a tool the local engine knows; the prompt only names a ${TOOL_LABELS[tool]} to act on.`,
    );
  }
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
