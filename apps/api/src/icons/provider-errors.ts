import Anthropic from "@anthropic-ai/sdk";
import { ApiError } from "../http/errors";

/**
 * Maps what can go wrong talking to Anthropic onto stable API errors, by the SDK's typed error
 * classes. Provider messages are not echoed: they can mention account details.
 */

export const providerBadOutput = (why: string) =>
  new ApiError(502, "PROVIDER_BAD_OUTPUT", `The model returned output we cannot use (${why}); try again.`);

/** The streamed answer outgrew what the asked-for variants can need; the stream is then aborted. */
export const providerAnswerTooLarge = (limitBytes: number, variantCount: number) =>
  new ApiError(
    502,
    "PROVIDER_BAD_OUTPUT",
    `The model's answer exceeded ${Math.round(limitBytes / 1024)} KiB for ${variantCount} variant${variantCount === 1 ? "" : "s"}; try fewer variants.`,
  );

export const providerTimeout = () =>
  new ApiError(
    504,
    "PROVIDER_TIMEOUT",
    "The model did not finish in time; try again, perhaps with fewer variants.",
  );

/** The client went away; nothing is sent back, but the error ends the work. */
export const clientCancelled = () =>
  new ApiError(499, "CANCELLED", "The request was cancelled by the client.");

const retryAfterSeconds = (headers: Headers | undefined): string | undefined => {
  const value = headers?.get("retry-after");
  if (value && /^\d+$/.test(value.trim())) return value.trim();
  return undefined;
};

export interface AbortCause {
  readonly timedOut: boolean;
  readonly cancelled: boolean;
}

export const mapProviderError = (error: unknown, cause: AbortCause): ApiError => {
  if (error instanceof ApiError) return error;
  if (cause.cancelled) return clientCancelled();
  if (cause.timedOut || error instanceof Anthropic.APIConnectionTimeoutError) return providerTimeout();
  if (error instanceof Anthropic.AuthenticationError || error instanceof Anthropic.PermissionDeniedError) {
    return new ApiError(
      502,
      "PROVIDER_AUTH_FAILED",
      "Anthropic refused the API key; check the key saved in your account settings (or the server's ANTHROPIC_API_KEY).",
    );
  }
  if (error instanceof Anthropic.RateLimitError) {
    const retryAfter = retryAfterSeconds(error.headers);
    return new ApiError(
      429,
      "PROVIDER_RATE_LIMITED",
      `Anthropic is rate-limiting this key; retry in ${retryAfter ?? "a minute"}${retryAfter ? " seconds" : ""}.`,
      { retryAfter: Number(retryAfter ?? 60) },
    );
  }
  if (
    error instanceof Anthropic.APIError &&
    (error.status === 529 || error.type === "overloaded_error" || error instanceof Anthropic.OverloadedError)
  ) {
    return new ApiError(
      503,
      "PROVIDER_OVERLOADED",
      "Anthropic is overloaded right now; try again in a minute.",
    );
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new ApiError(502, "PROVIDER_UNREACHABLE", "Could not reach Anthropic; try again shortly.");
  }
  if (error instanceof Anthropic.APIError) {
    return new ApiError(502, "PROVIDER_ERROR", "Anthropic answered with an error; try again shortly.");
  }
  // The SDK's own stream parsing failed (a non-HTTP AnthropicError): the output was unusable.
  if (error instanceof Anthropic.AnthropicError) return providerBadOutput("unreadable stream");
  throw error;
};
