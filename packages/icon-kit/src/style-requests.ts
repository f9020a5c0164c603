/**
 * Requests the design system forbids (docs/design-system.md#refusals): stroke weights, colours,
 * filled shapes and grip sizes are fixed, so a prompt asking to change them is refused with the
 * reason rather than silently ignored. Browser-safe.
 */
import { GRIP, LAYER_STYLES } from "./design-system";

const STROKE = new Set([
  "thick",
  "thicker",
  "thickest",
  "bold",
  "bolder",
  "boldest",
  "heavy",
  "heavier",
  "heaviest",
  "thin",
  "thinner",
  "thinnest",
  "fat",
  "fatter",
  "hairline",
  "weight",
  "stroke",
  "strokes",
]);

const COLOUR = new Set([
  "colour",
  "color",
  "colours",
  "colors",
  "coloured",
  "colored",
  "recolour",
  "recolor",
  "red",
  "green",
  "blue",
  "yellow",
  "orange",
  "purple",
  "pink",
  "black",
  "grey",
  "gray",
  "brown",
  "cyan",
  "magenta",
  "gold",
  "golden",
]);

// "fill" alone is the hatch tool when creating; the adjectives are always a style request.
const FILLED = new Set(["filled", "shaded", "gradient", "shadow", "opaque"]);
const FILL_WHEN_REFINING = new Set(["fill", "solid"]);
const GRIP_WORDS = new Set(["grip", "grips", "handle", "handles", "endpoint", "endpoints", "squares"]);
const SIZE_WORDS = new Set(["larger", "bigger", "smaller", "large", "big", "small", "tiny", "huge"]);

const s = LAYER_STYLES;
export const STROKE_MESSAGE = `Stroke widths are fixed by the design system (primary ${s.Primary.strokeWidth}, context ${s.Context.strokeWidth}, guide ${s.Guide.strokeWidth}); try larger or smaller instead.`;
export const COLOUR_MESSAGE =
  "Colours are fixed by the design system's dark and light palettes; choose the colour mode instead.";
export const FILL_MESSAGE =
  "Shapes are unfilled outlines in the design system (only grips are filled); a hatch shows a filled area.";
export const GRIP_MESSAGE = `Grips are ${GRIP.size}×${GRIP.size} squares fixed by the design system; try a larger icon instead.`;

function words(prompt: string): string[] {
  return prompt.toLowerCase().match(/[a-z]+/g) ?? [];
}

/** The refusal message when the prompt asks for a forbidden style change, else null. */
export function forbiddenRequest(prompt: string, refining = false): string | null {
  const all = words(prompt);
  const sized = all.some((w) => SIZE_WORDS.has(w));
  const gripTalk = all.some((w) => GRIP_WORDS.has(w)) || /\bend ?points?\b/.test(prompt.toLowerCase());
  if (sized && gripTalk) return GRIP_MESSAGE;
  for (const word of all) {
    if (STROKE.has(word)) return STROKE_MESSAGE;
    if (COLOUR.has(word)) return COLOUR_MESSAGE;
    if (FILLED.has(word) || (refining && FILL_WHEN_REFINING.has(word))) return FILL_MESSAGE;
  }
  return null;
}

/** Words that `forbiddenRequest` reacts to, so readings can list them as understood. */
export function isStyleWord(word: string): boolean {
  return STROKE.has(word) || COLOUR.has(word) || FILLED.has(word);
}
