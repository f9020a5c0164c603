import Anthropic from "@anthropic-ai/sdk";
import { EMIT_TOOL_NAME, emitTool, systemPrompt, userMessage } from "./anthropic-prompt";
import type { EngineOutput, GenerationInput, ProgressListener } from "./generation-input";
import { clientCancelled, mapProviderError, providerBadOutput } from "./provider-errors";
import { parseToolOutput, variantStartCounter } from "./tool-output";

export interface AnthropicEngineOptions {
  readonly apiKey: string;
  readonly baseUrl?: string;
  readonly model: string;
  /** Both the SDK's per-request timeout and the deadline for the whole streamed answer. */
  readonly timeoutMs: number;
  /** Aborted when the API client goes away; the upstream request is then aborted too. */
  readonly signal: AbortSignal;
  readonly onProgress: ProgressListener;
}

const DEFAULT_BASE_URL = "https://api.anthropic.com";

// An SVG icon is roughly 1–2k tokens; leave headroom for the rationale and JSON framing.
const maxTokensFor = (variantCount: number) => Math.min(32_000, 1_000 + variantCount * 3_000);

/**
 * One streamed Messages API call with a forced tool call. Resolves with the unvalidated
 * variants, or rejects with an ApiError (provider errors mapped, cancellation, timeout).
 */
export const generateWithAnthropic = async (
  input: GenerationInput,
  options: AnthropicEngineOptions,
): Promise<EngineOutput> => {
  if (options.signal.aborted) throw clientCancelled();
  const client = new Anthropic({
    apiKey: options.apiKey,
    // Explicit values so the SDK never falls back to its own environment look-ups: config.ts is
    // the one place that reads the environment.
    authToken: null,
    baseURL: options.baseUrl ?? DEFAULT_BASE_URL,
    timeout: options.timeoutMs,
    // A retry would be a second paid request the user did not ask for; errors go back instead.
    maxRetries: 0,
  });
  const controller = new AbortController();
  const cause = { timedOut: false, cancelled: false };
  // The SDK timeout ends once headers arrive; a stream that then stalls needs its own deadline.
  const deadline = setTimeout(() => {
    cause.timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onClientGone = () => {
    cause.cancelled = true;
    controller.abort();
  };
  options.signal.addEventListener("abort", onClientGone, { once: true });
  try {
    options.onProgress({ stage: "generating", message: "Asking the model…" });
    const stream = client.messages.stream(
      {
        model: options.model,
        max_tokens: maxTokensFor(input.variantCount),
        system: systemPrompt(input.colorMode),
        messages: [userMessage(input)],
        tools: [emitTool(input.variantCount)],
        tool_choice: { type: "tool", name: EMIT_TOOL_NAME },
      },
      { signal: controller.signal },
    );
    let toolIndex: number | undefined;
    let json = "";
    let received = 0;
    const countVariantsStarted = variantStartCounter();
    let stopReason: string | null = null;
    for await (const event of stream) {
      if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
        if (event.content_block.name === EMIT_TOOL_NAME) toolIndex = event.index;
      } else if (
        event.type === "content_block_delta" &&
        event.delta.type === "input_json_delta" &&
        event.index === toolIndex
      ) {
        json += event.delta.partial_json;
        const started = countVariantsStarted(json);
        if (started > received) {
          received = started;
          options.onProgress({
            stage: "receiving",
            message: `Receiving variant ${received} of ${input.variantCount}…`,
            variantsReceived: received - 1,
          });
        }
      } else if (event.type === "message_delta") {
        stopReason = event.delta.stop_reason;
      } else if (event.type === "message_stop") {
        // The answer is complete and paid for: take it now, so nothing after this point (a client
        // leaving, a connection that lingers before closing) can throw it away.
        break;
      }
    }
    if (stopReason === "max_tokens") throw providerBadOutput("the answer was cut off at the token limit");
    return { variants: parseToolOutput(json, input.variantCount) };
  } catch (error) {
    throw mapProviderError(error, cause);
  } finally {
    clearTimeout(deadline);
    options.signal.removeEventListener("abort", onClientGone);
  }
};
