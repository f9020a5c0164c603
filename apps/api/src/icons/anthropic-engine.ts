import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import Anthropic from "@anthropic-ai/sdk";
import { emptyUsage, streamToolCall, type TokenUsage } from "./anthropic-call";
import { repairTurn, userMessage, type VariantReview } from "./anthropic-prompt";
import { reviewVariant } from "./finish-variants";
import { cancelled } from "./generation-failure";
import type { EngineOutput, GenerationInput, ProgressListener, RawVariant } from "./generation-input";
import { mapProviderError } from "./provider-errors";
import { parseToolOutput } from "./tool-output";

export type { TokenUsage } from "./anthropic-call";

export interface AnthropicEngineOptions {
  readonly apiKey: string;
  readonly baseUrl?: string;
  readonly model: string;
  /** The deadline for the whole generation: the first call and any repair round together. */
  readonly timeoutMs: number;
  /** Aborted when the API client goes away; the upstream request is then aborted too. */
  readonly signal: AbortSignal;
  readonly onProgress: ProgressListener;
  /** Told once, at the end (success or not), the tokens the generation was billed. */
  readonly onUsage?: (usage: TokenUsage) => void;
}

const DEFAULT_BASE_URL = "https://api.anthropic.com";

// An SVG icon is roughly 1–2k tokens; leave headroom for the rationale and JSON framing. This is
// the whole generation's output budget: a repair round gets what the first answer left.
const maxTokensFor = (variantCount: number) => Math.min(32_000, 1_000 + variantCount * 3_000);
/** Below this much time left before the deadline, a repair round could not finish: skip it. */
const REPAIR_MIN_MS = 3_000;
const REPAIR_MIN_TOKENS = 1_000;
const MODEL_CORRECTED = "Corrected by the model after the design check.";

interface Session {
  readonly client: Anthropic;
  readonly controller: AbortController;
  readonly cause: { timedOut: boolean; cancelled: boolean };
  readonly deadlineAt: number;
}

/**
 * A streamed Messages API call with a forced tool call; variants that fail the design rules
 * even after safe deterministic repairs go back to the model once, with the checker's findings,
 * within the same deadline and token budget. Resolves with the unvalidated variants (a corrected
 * variant replaces its original only when it is better), or rejects with a GenerationFailed
 * (provider errors mapped, cancellation, timeout).
 */
export const generateWithAnthropic = async (
  input: GenerationInput,
  options: AnthropicEngineOptions,
): Promise<EngineOutput> => {
  if (options.signal.aborted) throw cancelled();
  const controller = new AbortController();
  const session: Session = {
    client: new Anthropic({
      apiKey: options.apiKey,
      // Explicit values so the SDK never falls back to its own environment look-ups: config.ts
      // is the one place that reads the environment.
      authToken: null,
      baseURL: options.baseUrl ?? DEFAULT_BASE_URL,
      timeout: options.timeoutMs,
      // A retry would be a second paid request the user did not ask for; errors go back instead.
      maxRetries: 0,
    }),
    controller,
    cause: { timedOut: false, cancelled: false },
    deadlineAt: Date.now() + options.timeoutMs,
  };
  // The SDK timeout ends once headers arrive; a stream that then stalls needs its own deadline.
  const deadline = setTimeout(() => {
    session.cause.timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onClientGone = () => {
    session.cause.cancelled = true;
    controller.abort();
  };
  options.signal.addEventListener("abort", onClientGone, { once: true });
  const usage = emptyUsage();
  try {
    options.onProgress({ stage: "generating", message: "Asking the model…" });
    const budget = maxTokensFor(input.variantCount);
    const firstMessages = [userMessage(input)];
    const first = await streamToolCall(
      session.client,
      {
        input,
        messages: firstMessages,
        maxTokens: budget,
        variants: input.variantCount,
        model: options.model,
        timeoutMs: options.timeoutMs,
        signal: controller.signal,
        onVariantStarted: (started) =>
          options.onProgress({
            stage: "receiving",
            message: `Receiving variant ${started} of ${input.variantCount}…`,
            variantsReceived: started - 1,
          }),
      },
      usage,
    );
    const variants = parseToolOutput(first.json, input.variantCount);
    const failing = await reviewAll(variants, input.colorMode);
    const tokensLeft = budget - first.outputTokens;
    if (failing.length === 0 || tokensLeft < REPAIR_MIN_TOKENS) return { variants };
    if (session.deadlineAt - Date.now() < REPAIR_MIN_MS || session.cause.cancelled) return { variants };
    return {
      variants: await repairRound(session, input, options, usage, {
        first,
        firstMessages,
        variants,
        failing,
        tokensLeft,
      }),
    };
  } catch (error) {
    throw mapProviderError(error, session.cause);
  } finally {
    clearTimeout(deadline);
    options.signal.removeEventListener("abort", onClientGone);
    controller.abort();
    options.onUsage?.(usage);
  }
};

/** The failing variants and what the checker says of them; the event loop turns between variants. */
const reviewAll = async (variants: readonly RawVariant[], colorMode: GenerationInput["colorMode"]) => {
  const failing: { index: number; review: VariantReview }[] = [];
  for (const [index, variant] of variants.entries()) {
    // A variant may be 256 KiB of SVG: other requests get their turn between two of them.
    await yieldToEventLoop();
    const review = reviewVariant(variant, colorMode);
    if (!review.passed) failing.push({ index, review });
  }
  return failing;
};

interface FirstAnswer {
  readonly first: { readonly toolUseId: string };
  readonly firstMessages: Anthropic.MessageParam[];
  readonly variants: readonly RawVariant[];
  readonly failing: readonly { readonly index: number; readonly review: VariantReview }[];
  readonly tokensLeft: number;
}

/**
 * The second call of the conversation. The first answer is paid for, so whatever goes wrong
 * here (deadline, cancellation, a provider error, unusable output) leaves it as it was: its
 * failing variants are then stored flagged.
 */
const repairRound = async (
  session: Session,
  input: GenerationInput,
  options: AnthropicEngineOptions,
  usage: TokenUsage,
  answer: FirstAnswer,
): Promise<RawVariant[]> => {
  const { failing, variants } = answer;
  options.onProgress({
    stage: "generating",
    message: `Asking the model to fix ${failing.length} variant(s) that break the design rules…`,
    variantsReceived: variants.length,
  });
  const merged = [...variants];
  try {
    const second = await streamToolCall(
      session.client,
      {
        input,
        messages: [...answer.firstMessages, ...repairTurn(answer.first.toolUseId, variants, failing)],
        maxTokens: answer.tokensLeft,
        variants: failing.length,
        model: options.model,
        timeoutMs: Math.max(1, session.deadlineAt - Date.now()),
        signal: session.controller.signal,
        onVariantStarted: () => {},
      },
      usage,
    );
    const corrected = parseToolOutput(second.json, failing.length);
    for (const [k, { index }] of failing.entries()) {
      const candidate = corrected[k];
      if (candidate === undefined) continue;
      await yieldToEventLoop();
      const review = reviewVariant(candidate, input.colorMode);
      if (review.passed) merged[index] = { ...candidate, repairs: [MODEL_CORRECTED] };
      // An unusable original would be dropped: a usable correction is kept, flagged.
      else if (review.usable && !(failing[k]?.review.usable ?? true)) merged[index] = candidate;
    }
  } catch (error) {
    // Mapped only to tell provider trouble (kept: the first answer stands, its failing variants
    // stored flagged with their findings) from a bug, which is rethrown.
    mapProviderError(error, session.cause);
  }
  return merged;
};
