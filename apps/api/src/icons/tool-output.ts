import { answerTooLarge, badOutput } from "./generation-failure";
import type { RawVariant } from "./generation-input";

/**
 * Validates the `emit_icon_variants` tool input the model streamed. The model is told the
 * schema, but nothing it sends is trusted: anything off-shape is PROVIDER_BAD_OUTPUT.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const parseToolOutput = (json: string, variantCount: number): RawVariant[] => {
  if (json.trim() === "") throw badOutput("no tool call");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw badOutput("the tool input is not valid JSON");
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.variants) || parsed.variants.length === 0) {
    throw badOutput("no variants array");
  }
  // Extra variants are not an error worth losing a paid answer over; they are dropped.
  return parsed.variants.slice(0, variantCount).map((variant, index) => {
    if (!isRecord(variant) || typeof variant.svg !== "string" || variant.svg.trim() === "") {
      throw badOutput(`variant ${index} has no svg`);
    }
    if (variant.toolType !== undefined && typeof variant.toolType !== "string") {
      throw badOutput(`variant ${index} has an invalid toolType`);
    }
    return {
      svg: variant.svg,
      ...(typeof variant.toolType === "string" && { toolType: variant.toolType }),
      ...(typeof variant.rationale === "string" && { rationale: variant.rationale.slice(0, 500) }),
    };
  });
};

// A well-formed variant is at most one 256 KiB SVG plus a sentence and JSON framing.
export const ANSWER_BYTES_PER_VARIANT = 256 * 1024;

export interface ToolInputCollector {
  /** Takes the next piece of the tool input; returns how many variants have started so far. */
  push(delta: string): number;
  /** The whole input as received. */
  text(): string;
  /** Characters examined so far, a deterministic measure of the work done (each one once). */
  readonly scanned: number;
}

/**
 * Gathers the streamed tool input JSON and counts the variants that have started (for progress).
 * The work per piece is proportional to the piece: a small tokenizer keeps its state (inside a
 * string or not, the string so far when it could still be the key "svg") across pieces, so a key
 * split between pieces still counts and nothing is rescanned. The pieces are joined once, at the
 * end. Past `limitBytes` it throws PROVIDER_BAD_OUTPUT, and the caller's stream is aborted.
 */
export const toolInputCollector = (limitBytes: number, variantCount: number): ToolInputCollector => {
  const pieces: string[] = [];
  let bytes = 0;
  let scanned = 0;
  let started = 0;
  let inString = false;
  let escaped = false;
  // The current string while it can still be "svg"; null once it cannot.
  let key: string | null = null;
  let awaitingColon = false;
  return {
    push(delta) {
      bytes += Buffer.byteLength(delta, "utf8");
      if (bytes > limitBytes) throw answerTooLarge(limitBytes, variantCount);
      pieces.push(delta);
      scanned += delta.length;
      for (let i = 0; i < delta.length; i++) {
        const c = delta.charCodeAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) {
            escaped = true;
            key = null;
          } else if (c === QUOTE) {
            inString = false;
            awaitingColon = key === "svg";
          } else if (key !== null) key = key.length < 3 ? key + delta[i] : null;
          continue;
        }
        if (awaitingColon && !isJsonSpace(c)) {
          awaitingColon = false;
          if (c === COLON) started += 1;
        }
        if (c === QUOTE) {
          inString = true;
          key = "";
        }
      }
      return started;
    },
    text: () => pieces.join(""),
    get scanned() {
      return scanned;
    },
  };
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
