/**
 * Matching prompt words to the vocabulary: plural and verb forms, typos within one or two edits,
 * and the closest tools to suggest for words that matched nothing. Browser-safe.
 */
import { editDistance, typoAllowance } from "./edit-distance";
import { AMBIGUOUS_HEADS, IMPLIED_PARAMS, MODIFIERS, PAIRS, WORDS } from "./lexicon";
import { TOOL_LABELS, type ToolId } from "./tool-catalog";

const PAIR_WORDS = new Set(PAIRS.flatMap((p) => [...p.heads, ...p.with]));
export const DEFAULT_SUGGESTIONS: readonly ToolId[] = ["line", "circle", "array"];
const TYPO_DICTIONARY = [...new Set([...WORDS.keys(), ...PAIR_WORDS])].filter((w) => w.length >= 3);

export function known(word: string): boolean {
  return (
    WORDS.has(word) ||
    PAIR_WORDS.has(word) ||
    MODIFIERS.has(word) ||
    Object.hasOwn(IMPLIED_PARAMS, word) ||
    Object.hasOwn(AMBIGUOUS_HEADS, word)
  );
}

export function stems(word: string): string[] {
  const out = [word];
  if (word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) out.push(word.slice(0, -2));
  if (word.endsWith("s")) out.push(word.slice(0, -1));
  if (word.endsWith("ing")) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith("ed")) out.push(word.slice(0, -2), word.slice(0, -1));
  return out;
}

/** The vocabulary form of a token, a typo's correction, or null. */
export function lemmaOf(token: string): { lemma: string; typo: boolean } | null {
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

export function labels(tools: readonly ToolId[]): string[] {
  return [...new Set(tools)].slice(0, 3).map((t) => TOOL_LABELS[t]);
}

/** Closest tools by spelling to the words that were not understood, then a few common ones. */
export function suggestFor(unknown: readonly string[], qualifiers: readonly string[]): string[] {
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
