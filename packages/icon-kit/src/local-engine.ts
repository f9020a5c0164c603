/**
 * The offline, deterministic parametric icon engine (docs/design-system.md#the-local-engine).
 * Browser-safe: pure functions of the input.
 *
 * Public API (the shapes are in engine-contract.ts):
 * - `generateLocalIcons(input) => LocalEngineOutcome` — reads the prompt, or refines a reference,
 *   and draws `variantCount` variants. A prompt it cannot read is an outcome (`not_understood`
 *   or `refused`), never an exception. Variant i shows construction i mod 3; variants past the
 *   third also turn or mirror, so every variant is distinct.
 * - `drawLocalIcon({ tool, params, colorMode, construction? }) => LocalVariant` — the same SVG
 *   from the same parameters (clamped to the tool's specs).
 * - `LocalEngineInputError` — thrown (code `invalid_input`) for malformed input, naming the field.
 * - `MAX_VARIANTS`, `MAX_PROMPT_LENGTH` (the API's own limit), `MAX_REFERENCE_LENGTH`.
 */
import { ICON_LIMITS } from "@parametric-portal/contracts/limits";
import { checkSvg } from "./design-check";
import type { ColorMode } from "./design-system";
import type {
  DrawRequest,
  LocalEngineOutcome,
  LocalReference,
  LocalVariant,
  ParamValues,
} from "./engine-contract";
import { refineReference } from "./local-refine";
import { forbiddenRequest } from "./style-requests";
import { isToolId, TOOL_CONSTRUCTIONS, TOOL_IDS, TOOL_TYPE_OF, type ToolId } from "./tool-catalog";
import { drawTool } from "./tool-draw";
import { defaultParams, resolveParams } from "./tool-parameters";
import { readPrompt } from "./vocabulary";

export const MAX_VARIANTS = ICON_LIMITS.maxVariants;
/** The same limit the API and the web app enforce: one constant, in packages/contracts. */
export const MAX_PROMPT_LENGTH = ICON_LIMITS.promptMaxLength;
export const MAX_REFERENCE_LENGTH = 256 * 1024;

export interface LocalEngineInput {
  prompt: string;
  variantCount: number;
  colorMode: ColorMode;
  intent: "create" | "refine";
  referenceSvg?: string;
  /** The icon being refined: its tool and parameters (preferred over `referenceSvg`). */
  reference?: LocalReference;
  /** Exact values from live controls; they apply over what the prompt names. */
  params?: ParamValues;
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

function validParamValues(value: unknown): value is ParamValues {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === "number" && Number.isFinite(v))
  );
}

function validate(input: LocalEngineInput): void {
  if (typeof input.prompt !== "string") throw new LocalEngineInputError("prompt", "prompt must be a string.");
  if (input.prompt.length > MAX_PROMPT_LENGTH) {
    throw new LocalEngineInputError(
      "prompt",
      `prompt is ${input.prompt.length} characters; the limit is ${MAX_PROMPT_LENGTH}. Shorten it.`,
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
  if (input.params !== undefined && !validParamValues(input.params)) {
    throw new LocalEngineInputError(
      "params",
      "params must be an object of finite numbers, e.g. { sides: 6 }.",
    );
  }
  if (input.reference !== undefined) {
    const ref: unknown = input.reference;
    const tool = (ref as { tool?: unknown } | null)?.tool;
    if (!isToolId(tool)) {
      throw new LocalEngineInputError(
        "reference.tool",
        `reference.tool must be one of the local engine's tools (${TOOL_IDS.join(", ")}).`,
      );
    }
    if (!validParamValues((ref as { params?: unknown }).params)) {
      throw new LocalEngineInputError(
        "reference.params",
        "reference.params must be an object of finite numbers.",
      );
    }
  }
}

/** A refinement with only the reference SVG starts from the defaults of the tool its <title> names. */
function referenceFromSvg(svg: string | undefined): LocalReference | null {
  const title = svg?.match(/<title>([^<]{0,200})<\/title>/)?.[1];
  const tool = title ? readPrompt(title).tool : null;
  return tool ? { tool, params: defaultParams(tool) } : null;
}

// A drawing is a pure function of its tool, parameters, colour mode and construction, and the
// common prompts ("hexagon", "arc through three points") ask for the same few over and over:
// drawing and design-checking one costs ~0.2 ms of the API's CPU, a lookup here ~1 µs. Bounded,
// oldest entry first out, so memory stays small (~1 KiB a drawing) whatever users ask for.
const DRAWN_CACHE_SIZE = 512;
const drawnCache = new Map<string, LocalVariant>();

function variantOf(
  tool: ToolId,
  params: ParamValues,
  colorMode: ColorMode,
  construction?: string,
): LocalVariant {
  const key = `${tool}\u0000${colorMode}\u0000${construction ?? ""}\u0000${JSON.stringify(params)}`;
  let variant = drawnCache.get(key);
  if (variant === undefined) {
    variant = drawVariant(tool, params, colorMode, construction);
    if (drawnCache.size >= DRAWN_CACHE_SIZE) drawnCache.delete(drawnCache.keys().next().value ?? "");
    drawnCache.set(key, variant);
  }
  // Copies of the mutable parts: a caller editing its variant must not edit the cached one.
  return { ...variant, params: { ...variant.params }, findings: variant.findings.map((f) => ({ ...f })) };
}

function drawVariant(
  tool: ToolId,
  params: ParamValues,
  colorMode: ColorMode,
  construction?: string,
): LocalVariant {
  const drawn = drawTool(tool, params, colorMode, construction);
  const toolType = TOOL_TYPE_OF[tool];
  const check = checkSvg(drawn.svg, { toolType, gripCount: drawn.spec.grips.length });
  return {
    svg: drawn.svg,
    tool,
    toolType,
    params: drawn.params,
    construction: drawn.construction,
    findings: check.findings,
    score: check.score,
    passed: check.passed,
  };
}

export function drawLocalIcon(request: DrawRequest): LocalVariant {
  if (!isToolId(request.tool)) {
    throw new LocalEngineInputError(
      "tool",
      `tool must be one of the local engine's tools (${TOOL_IDS.join(", ")}).`,
    );
  }
  if (!validParamValues(request.params)) {
    throw new LocalEngineInputError(
      "params",
      "params must be an object of finite numbers, e.g. { sides: 6 }.",
    );
  }
  if (request.colorMode !== "dark" && request.colorMode !== "light") {
    throw new LocalEngineInputError("colorMode", 'colorMode must be "dark" or "light".');
  }
  return variantOf(request.tool, request.params, request.colorMode, request.construction);
}

// Orientation changes for variants past the constructions, tried in order until one is new.
const ORIENTATIONS: readonly { turn: number; flip: number }[] = [
  { turn: 0, flip: 0 },
  { turn: 90, flip: 0 },
  { turn: 0, flip: 1 },
  { turn: 180, flip: 0 },
  { turn: 270, flip: 0 },
  { turn: 90, flip: 1 },
  { turn: 180, flip: 1 },
  { turn: 270, flip: 1 },
];

function drawVariants(
  tool: ToolId,
  params: Record<string, number>,
  count: number,
  colorMode: ColorMode,
  firstConstruction = 0,
): LocalVariant[] {
  const names = TOOL_CONSTRUCTIONS[tool];
  const seen = new Set<string>();
  const variants: LocalVariant[] = [];
  for (let index = 0; index < count; index++) {
    const construction = names[(firstConstruction + index) % names.length];
    const start = Math.floor(index / names.length);
    let chosen: LocalVariant | null = null;
    for (let o = start; o < start + ORIENTATIONS.length && !chosen; o++) {
      const orientation = ORIENTATIONS[o % ORIENTATIONS.length] ?? { turn: 0, flip: 0 };
      const turn = ((params.turn ?? 0) + orientation.turn) % 360;
      const flip = ((params.flip ?? 0) + orientation.flip) % 2;
      const variant = variantOf(tool, { ...params, turn, flip }, colorMode, construction);
      if (!seen.has(variant.svg)) chosen = variant;
    }
    if (!chosen) throw new Error(`local engine could not draw a distinct "${tool}" variant ${index + 1}`);
    seen.add(chosen.svg);
    variants.push(chosen);
  }
  return variants;
}

export function generateLocalIcons(input: LocalEngineInput): LocalEngineOutcome {
  validate(input);
  if (input.intent === "refine") {
    const reference = input.reference ?? referenceFromSvg(input.referenceSvg);
    if (reference) {
      const base = {
        tool: reference.tool,
        params: { ...resolveParams(reference.tool, reference.params), ...input.params },
      };
      const refined = refineReference(input.prompt, base);
      if (refined.status !== "ok") return refined;
      const first = reference.construction
        ? TOOL_CONSTRUCTIONS[refined.tool].indexOf(reference.construction)
        : 0;
      return {
        status: "ok",
        tool: refined.tool,
        toolType: TOOL_TYPE_OF[refined.tool],
        understood: refined.understood,
        unknown: refined.unknown,
        variants: drawVariants(
          refined.tool,
          refined.params,
          input.variantCount,
          input.colorMode,
          Math.max(0, first),
        ),
        changes: refined.changes,
        ...(refined.switchedFrom !== undefined && { switchedFrom: refined.switchedFrom }),
      };
    }
  }
  const reading = readPrompt(input.prompt);
  const forbidden = forbiddenRequest(input.prompt);
  if (forbidden) {
    return {
      status: "refused",
      reason: "forbidden_by_design_system",
      message: forbidden,
      understood: reading.understood,
      unknown: reading.unknown,
    };
  }
  if (reading.status === "not_understood" || reading.tool === null) {
    return {
      status: "not_understood",
      understood: reading.understood,
      unknown: reading.unknown,
      suggestions: reading.suggestions,
      message: reading.message ?? "The prompt names no tool the local engine knows.",
    };
  }
  const params = resolveParams(reading.tool, { ...reading.params, ...input.params });
  return {
    status: "ok",
    tool: reading.tool,
    toolType: TOOL_TYPE_OF[reading.tool],
    understood: reading.understood,
    unknown: reading.unknown,
    variants: drawVariants(reading.tool, params, input.variantCount, input.colorMode),
    changes: [],
  };
}

export { TOOL_CONSTRUCTIONS, TOOL_LABELS } from "./tool-catalog";
export { TOOL_PARAMETERS } from "./tool-parameters";
export { readPrompt } from "./vocabulary";

/** Every tool the engine can draw, for documentation and tests. */
export const LOCAL_ENGINE_TOOLS: readonly ToolId[] = TOOL_IDS;
