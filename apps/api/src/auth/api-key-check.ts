import Anthropic from "@anthropic-ai/sdk";

/**
 * Whether Anthropic accepts a key, proved with `GET /v1/models?limit=1`: it is authenticated
 * like every Messages API call but bills no tokens and needs no model name (count_tokens would
 * need a model the key may not have access to, and a body to count), so it is the cheapest call
 * that proves the key. The key is sent only as the SDK's auth header; nothing here logs it or
 * puts it into a message.
 */

export type KeyCheckOutcome = "valid" | "refused" | "could_not_check";

export interface KeyCheck {
  readonly check: KeyCheckOutcome;
  readonly checkedAt: string;
  /** Why, in words the account panel can show. */
  readonly checkReason: string;
}

export interface KeyCheckOptions {
  readonly baseUrl?: string;
  /** Short: the user is waiting on the save. */
  readonly timeoutMs: number;
}

const DEFAULT_BASE_URL = "https://api.anthropic.com";

const outcome = (check: KeyCheckOutcome, checkReason: string): KeyCheck => ({
  check,
  checkedAt: new Date().toISOString(),
  checkReason,
});

export const checkAnthropicKey = async (key: string, options: KeyCheckOptions): Promise<KeyCheck> => {
  const client = new Anthropic({
    apiKey: key,
    // config.ts is the one place that reads the environment.
    authToken: null,
    baseURL: options.baseUrl ?? DEFAULT_BASE_URL,
    timeout: options.timeoutMs,
    maxRetries: 0,
  });
  try {
    await client.models.list({ limit: 1 });
    return outcome("valid", "Anthropic accepted the key.");
  } catch (error) {
    if (error instanceof Anthropic.AuthenticationError) {
      return outcome(
        "refused",
        "Anthropic refused the key (401): check it was copied whole, or create a new one.",
      );
    }
    if (error instanceof Anthropic.PermissionDeniedError) {
      return outcome("refused", "Anthropic refused the key (403): it is not allowed to use the API.");
    }
    if (error instanceof Anthropic.APIConnectionTimeoutError) {
      return outcome("could_not_check", `Anthropic did not answer within ${options.timeoutMs / 1000} s.`);
    }
    if (error instanceof Anthropic.APIConnectionError) {
      return outcome("could_not_check", "Anthropic could not be reached from the server.");
    }
    if (error instanceof Anthropic.APIError && error.status !== undefined) {
      return outcome("could_not_check", `Anthropic answered ${error.status} instead of checking the key.`);
    }
    return outcome("could_not_check", "The check failed unexpectedly.");
  }
};
