import Anthropic from "@anthropic-ai/sdk";
import { cancelled, failed, GenerationFailed, timedOut } from "./generation-failure";

/**
 * Maps what can go wrong talking to Anthropic onto generation failures, by the SDK's typed error
 * classes. Provider messages are not kept: they can mention account details.
 */

const retryAfterSeconds = (headers: Headers | undefined): string | undefined => {
  const value = headers?.get("retry-after");
  if (value && /^\d+$/.test(value.trim())) return value.trim();
  return undefined;
};

export interface AbortCause {
  readonly timedOut: boolean;
  readonly cancelled: boolean;
}

// Refusals (key, rate limit, overload, no connection) come before the provider does, or bills, any work.
export const mapProviderError = (error: unknown, cause: AbortCause): GenerationFailed => {
  if (error instanceof GenerationFailed) return error;
  if (cause.cancelled) return cancelled();
  if (cause.timedOut || error instanceof Anthropic.APIConnectionTimeoutError) return timedOut();
  if (error instanceof Anthropic.AuthenticationError || error instanceof Anthropic.PermissionDeniedError) {
    return failed({ kind: "provider_key_refused", billed: false, retryable: false });
  }
  if (error instanceof Anthropic.RateLimitError) {
    const after = retryAfterSeconds(error.headers);
    return failed({
      kind: "provider_rate_limited",
      billed: false,
      retryable: true,
      ...(after !== undefined && { retryAfterSeconds: after }),
    });
  }
  if (
    error instanceof Anthropic.APIError &&
    (error.status === 529 || error.type === "overloaded_error" || error instanceof Anthropic.OverloadedError)
  ) {
    return failed({ kind: "provider_overloaded", billed: false, retryable: true });
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return failed({ kind: "provider_unreachable", billed: false, retryable: true });
  }
  if (error instanceof Anthropic.APIError)
    return failed({ kind: "provider_error", billed: true, retryable: true });
  // The SDK's own stream parsing failed (a non-HTTP AnthropicError): the output was unusable.
  if (error instanceof Anthropic.AnthropicError) {
    return failed({ kind: "bad_output", billed: true, retryable: true, why: "unreadable stream" });
  }
  throw error;
};
