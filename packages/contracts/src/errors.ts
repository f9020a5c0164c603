/**
 * The one error contract of the API: every non-2xx JSON body and every SSE `error` event is an
 * `ErrorBody` whose `code` is one of `ERROR_CODES`. Plain constants and interfaces (no schema
 * library) so the browser bundle can import them; the TypeBox schema is in ./error-schema.
 */

export const ERROR_CODES = [
  // Request shape (framework and validation).
  "VALIDATION_FAILED",
  "INVALID_JSON",
  "INVALID_CONTENT_LENGTH",
  "INVALID_VALUE",
  "BAD_REQUEST",
  "BAD_URL",
  "MALFORMED_REQUEST",
  "PAYLOAD_TOO_LARGE",
  "HEADERS_TOO_LARGE",
  "URL_TOO_LONG",
  "UNSUPPORTED_MEDIA_TYPE",
  "REQUEST_TIMEOUT",
  "ROUTE_NOT_FOUND",
  "NOT_FOUND",
  // Limits and availability.
  "RATE_LIMITED",
  "QUOTA_EXCEEDED",
  "DATABASE_UNAVAILABLE",
  "SHUTTING_DOWN",
  "INTERNAL",
  // Auth.
  "UNAUTHENTICATED",
  "CSRF_FAILED",
  "PROVIDER_UNAVAILABLE",
  "PROVIDER_NOT_CONFIGURED",
  "ENCRYPTION_NOT_CONFIGURED",
  "API_KEY_NAME_TAKEN",
  "API_KEY_UNREADABLE",
  // Icons input.
  "INVALID_SVG",
  "SVG_TOO_LARGE",
  "INVALID_PARAMS",
  "INVALID_CURSOR",
  "REFERENCE_REQUIRED",
  "ENGINE_UNAVAILABLE",
  // Library and sets.
  "INVALID_NAME",
  "VARIANT_NOT_FOUND",
  "NOT_A_PERMUTATION",
  "SET_FULL",
  // Honest answers (422: nothing was stored or paid for).
  "PROMPT_NOT_UNDERSTOOD",
  "REFINE_REFUSED",
  // Generation failures.
  "PROVIDER_AUTH_FAILED",
  "PROVIDER_RATE_LIMITED",
  "PROVIDER_OVERLOADED",
  "PROVIDER_UNREACHABLE",
  "PROVIDER_ERROR",
  "PROVIDER_BAD_OUTPUT",
  "PROVIDER_TIMEOUT",
  "CANCELLED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);

/** Body of every error response and of the SSE `error` event. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * `?authError=` values the OAuth callback sends the browser back with (`?signedIn=<provider>` on
 * success). The first three are state checks (stale, forged or replayed sign-ins).
 */
export const AUTH_ERROR_CODES = [
  "state_missing",
  "state_invalid",
  "state_expired",
  "access_denied",
  "consent_required",
  "login_required",
  "interaction_required",
  "provider_error",
  "provider_unreachable",
  "token_invalid",
  "profile_unavailable",
  "server_error",
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];
