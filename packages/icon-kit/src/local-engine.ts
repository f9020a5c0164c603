/**
 * The offline, deterministic parametric icon engine (PRODUCT.md "Local parametric engine").
 * Browser-safe: pure functions of the input.
 *
 * Public API:
 * - `generateLocalIcons(input: LocalEngineInput) => LocalEngineResult`
 *   input: `{ prompt, variantCount (1..8), colorMode: 'dark' | 'light', intent: 'create' | 'refine', referenceSvg? }`.
 *   Picks a tool from the prompt's words (see `readPrompt`), or for `refine` without a tool word
 *   the tool named in the reference SVG's `<title>`, else a generic icon. Variant 0 is the
 *   canonical drawing (for the 3-point arc: PRODUCT.md's Arch example); the others are seeded
 *   from a hash of the prompt (and reference), oriented differently, and guaranteed distinct.
 *   Every variant carries the design-rule checker's findings.
 * - `LocalEngineInputError` — thrown (code `invalid_input`) for bad input, naming the field.
 * - `MAX_VARIANTS` (8).
 */
import { checkSvg, type DesignFinding } from "./design-check";
import { type ColorMode, paletteFor, type ToolType } from "./design-system";
import { type IconSpec, orientSpec, renderIconSvg } from "./icon-spec";
import { ANALYSIS_BUILDERS } from "./tools-analysis";
import { DRAWING_BUILDERS } from "./tools-drawing";
import { EDIT_BUILDERS } from "./tools-edit";
import { SOLID_BUILDERS } from "./tools-solid";
import { TRANSFORM_BUILDERS } from "./tools-transform";
import { hashString, makeParams, type Params } from "./variant-params";
import { readPrompt, TOOL_IDS, TOOL_TYPE_OF, type ToolId } from "./vocabulary";

export const MAX_VARIANTS = 8;
export const MAX_PROMPT_LENGTH = 2000;
export const MAX_REFERENCE_LENGTH = 256 * 1024;

export interface LocalEngineInput {
  prompt: string;
  variantCount: number;
  colorMode: ColorMode;
  intent: "create" | "refine";
  referenceSvg?: string;
}

export interface IconVariant {
  svg: string;
  tool: ToolId;
  toolType: ToolType;
  findings: DesignFinding[];
  score: number;
  passed: boolean;
}

export interface LocalEngineResult {
  tool: ToolId;
  toolType: ToolType;
  understood: string[];
  unknown: string[];
  variants: IconVariant[];
}

export class LocalEngineInputError extends Error {
  readonly code = "invalid_input";
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = "LocalEngineInputError";
    this.field = field;
  }
}

const BUILDERS: Record<ToolId, (v: Params) => IconSpec> = {
  ...DRAWING_BUILDERS,
  ...EDIT_BUILDERS,
  ...TRANSFORM_BUILDERS,
  ...SOLID_BUILDERS,
  ...ANALYSIS_BUILDERS,
};

// Outlines that read the same way up (solids, the arch, measurements with a baseline) only mirror.
const UPRIGHT: ReadonlySet<ToolId> = new Set(["arc", "extrude", "revolve", "loft", "ellipse", "polygon"]);
const ATTEMPTS = 24;

function validate(input: LocalEngineInput): void {
  if (typeof input.prompt !== "string") throw new LocalEngineInputError("prompt", "prompt must be a string.");
  if (input.prompt.length > MAX_PROMPT_LENGTH) {
    throw new LocalEngineInputError(
      "prompt",
      `prompt is ${input.prompt.length} characters; the limit is ${MAX_PROMPT_LENGTH}.`,
    );
  }
  if (!Number.isInteger(input.variantCount) || input.variantCount < 1 || input.variantCount > MAX_VARIANTS) {
    throw new LocalEngineInputError(
      "variantCount",
      `variantCount must be a whole number from 1 to ${MAX_VARIANTS}.`,
    );
  }
  if (
    input.referenceSvg !== undefined &&
    (typeof input.referenceSvg !== "string" || input.referenceSvg.length > MAX_REFERENCE_LENGTH)
  ) {
    throw new LocalEngineInputError(
      "referenceSvg",
      `referenceSvg must be SVG text of at most ${MAX_REFERENCE_LENGTH} characters.`,
    );
  }
  if (input.colorMode !== "dark" && input.colorMode !== "light") {
    throw new LocalEngineInputError("colorMode", 'colorMode must be "dark" or "light".');
  }
  if (input.intent !== "create" && input.intent !== "refine") {
    throw new LocalEngineInputError("intent", 'intent must be "create" or "refine".');
  }
}

/** A refinement without a tool word keeps the tool of the icon being refined. */
function toolFromReference(svg: string | undefined): Exclude<ToolId, "generic"> | null {
  const title = svg?.match(/<title>([^<]{0,200})<\/title>/)?.[1];
  return title ? readPrompt(title).tool : null;
}

function orientation(tool: ToolId, index: number): { turns: number; mirror: boolean } {
  if (index === 0) return { turns: 0, mirror: false };
  if (UPRIGHT.has(tool)) return { turns: index % 4 === 3 ? 2 : 0, mirror: index % 2 === 1 };
  return { turns: index % 4, mirror: Math.floor(index / 4) % 2 === 1 };
}

export function generateLocalIcons(input: LocalEngineInput): LocalEngineResult {
  validate(input);
  const reading = readPrompt(input.prompt);
  const refining = input.intent === "refine";
  const tool: ToolId = reading.tool ?? (refining ? toolFromReference(input.referenceSvg) : null) ?? "generic";
  const toolType = TOOL_TYPE_OF[tool];
  const palette = paletteFor(input.colorMode);
  const seedText = `${input.intent}\u0000${input.prompt.trim().toLowerCase()}\u0000${refining ? (input.referenceSvg ?? "") : ""}`;
  const seed = hashString(seedText);
  const build = BUILDERS[tool];

  const seen = new Set<string>();
  const variants: IconVariant[] = [];
  for (let index = 0; index < input.variantCount; index++) {
    // A refinement moves away from the canonical drawing, so even its first variant is seeded.
    let chosen: { svg: string; check: ReturnType<typeof checkSvg> } | null = null;
    for (let attempt = 0; attempt < ATTEMPTS && !chosen; attempt++) {
      const canonical = index === 0 && attempt === 0 && !refining;
      const { turns, mirror } = orientation(tool, index + attempt);
      const spec = orientSpec(
        build(makeParams(seed + index * 7919 + attempt * 104729, canonical)),
        turns,
        mirror,
      );
      const svg = renderIconSvg(spec, toolType, palette);
      if (seen.has(svg)) continue;
      const check = checkSvg(svg, { toolType, gripCount: spec.grips.length });
      if (check.passed) chosen = { svg, check };
    }
    if (!chosen)
      throw new Error(`local engine could not build a distinct valid "${tool}" variant ${index + 1}`);
    seen.add(chosen.svg);
    variants.push({
      svg: chosen.svg,
      tool,
      toolType,
      findings: chosen.check.findings,
      score: chosen.check.score,
      passed: chosen.check.passed,
    });
  }
  return { tool, toolType, understood: reading.understood, unknown: reading.unknown, variants };
}

/** Every tool the engine can draw, for documentation and tests. */
export const LOCAL_ENGINE_TOOLS: readonly ToolId[] = TOOL_IDS;
