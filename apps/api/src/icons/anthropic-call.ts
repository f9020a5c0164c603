import { type default as Anthropic, AnthropicError, APIUserAbortError } from "@anthropic-ai/sdk";
import { EMIT_TOOL_NAME, emitTool, systemPrompt } from "./anthropic-prompt";
import { badOutput, GenerationFailed } from "./generation-failure";
import type { GenerationInput } from "./generation-input";
import { ANSWER_BYTES_PER_VARIANT, toolInputCollector } from "./tool-output";

/** Tokens one generation used, summed over its Messages calls. */
export interface TokenUsage {
  input: number;
  cacheRead: number;
  cacheCreation: number;
  output: number;
}

export const emptyUsage = (): TokenUsage => ({ input: 0, cacheRead: 0, cacheCreation: 0, output: 0 });

export interface ToolCall {
  readonly toolUseId: string;
  readonly json: string;
  /** Output tokens this call used: what is left of the generation's budget goes to a repair round. */
  readonly outputTokens: number;
}

export interface CallRequest {
  readonly input: GenerationInput;
  readonly messages: Anthropic.MessageParam[];
  readonly maxTokens: number;
  /** How many variants this call asks for: caps the answer's size. */
  readonly variants: number;
  readonly model: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Told each time another variant starts arriving (1-based). */
  readonly onVariantStarted: (started: number) => void;
}

type Counts = Partial<Record<keyof Anthropic.Usage, unknown>> | null | undefined;
const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;

/**
 * One streamed Messages API call with the forced `emit_icon_variants` tool call. The raw event
 * stream is read (not the SDK's accumulating helper), so each delta costs work in proportion to
 * its size. `usage` is updated as the counts arrive, so a call that fails half-way still reports
 * the tokens it was billed.
 */
export const streamToolCall = async (
  client: Anthropic,
  request: CallRequest,
  usage: TokenUsage,
): Promise<ToolCall> => {
  const stream = await client.messages.create(
    {
      model: request.model,
      max_tokens: request.maxTokens,
      system: systemPrompt(request.input.colorMode),
      messages: request.messages,
      tools: [emitTool()],
      tool_choice: { type: "tool", name: EMIT_TOOL_NAME },
      stream: true,
    },
    { signal: request.signal, timeout: request.timeoutMs },
  );
  // message_delta counts are cumulative for this call: each replaces the last, on top of `base`.
  const base = { ...usage };
  const call = emptyUsage();
  const take = (counts: Counts) => {
    call.input = count(counts?.input_tokens) ?? call.input;
    call.cacheRead = count(counts?.cache_read_input_tokens) ?? call.cacheRead;
    call.cacheCreation = count(counts?.cache_creation_input_tokens) ?? call.cacheCreation;
    call.output = count(counts?.output_tokens) ?? call.output;
    for (const kind of ["input", "cacheRead", "cacheCreation", "output"] as const) {
      usage[kind] = base[kind] + call[kind];
    }
  };
  const collector = toolInputCollector(request.variants * ANSWER_BYTES_PER_VARIANT, request.variants);
  let toolIndex: number | undefined;
  let toolUseId = "";
  let started = 0;
  let stopReason: string | null = null;
  let complete = false;
  try {
    for await (const event of stream) {
      if (event.type === "message_start") take(event.message.usage);
      else if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
        if (event.content_block.name === EMIT_TOOL_NAME) {
          toolIndex = event.index;
          toolUseId = event.content_block.id;
        }
      } else if (
        event.type === "content_block_delta" &&
        event.delta.type === "input_json_delta" &&
        event.index === toolIndex
      ) {
        // Past the cap this throws; leaving the loop aborts the upstream stream.
        const now = collector.push(event.delta.partial_json);
        if (now > started) {
          started = now;
          request.onVariantStarted(started);
        }
      } else if (event.type === "message_delta") {
        stopReason = event.delta.stop_reason;
        take(event.usage);
      } else if (event.type === "message_stop") {
        // The answer is complete and paid for: take it now, so nothing after this point (a client
        // leaving, a connection that lingers before closing) can throw it away.
        complete = true;
        break;
      }
    }
  } catch (error) {
    if (error instanceof GenerationFailed || error instanceof AnthropicError) throw error;
    // The transport failed mid-answer (undici reports a dropped socket as a TypeError).
    if (!request.signal.aborted) throw new AnthropicError("the answer stream broke off", { cause: error });
  }
  // The SDK ends an aborted stream quietly; the caller's abort cause says why it ended.
  if (request.signal.aborted) throw new APIUserAbortError();
  if (!complete) throw badOutput("the answer stream ended before it was complete");
  if (stopReason === "max_tokens") throw badOutput("the answer was cut off at the token limit");
  return { toolUseId, json: collector.text(), outputTokens: call.output };
};
