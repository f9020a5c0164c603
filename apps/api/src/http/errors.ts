import type { ErrorBody, ErrorCode } from "@parametric-portal/contracts/errors";
import { PATTERN_MESSAGES } from "@parametric-portal/contracts/primitives";
import { classifyDatabaseError } from "@parametric-portal/database/errors";
import type { FastifyError, FastifyInstance } from "fastify";

/**
 * The HTTP status of every code of the contract: keyed by the code union, so a new code does not
 * compile until it has one. (BAD_REQUEST also stands for any other 4xx Fastify reports.)
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_CONTENT_LENGTH: 400,
  INVALID_VALUE: 400,
  BAD_REQUEST: 400,
  BAD_URL: 400,
  MALFORMED_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  URL_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_TIMEOUT: 408,
  ROUTE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  DATABASE_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  PROVIDER_UNAVAILABLE: 502,
  PROVIDER_NOT_CONFIGURED: 404,
  ENCRYPTION_NOT_CONFIGURED: 503,
  API_KEY_NAME_TAKEN: 409,
  API_KEY_UNREADABLE: 500,
  INVALID_SVG: 400,
  SVG_TOO_LARGE: 413,
  INVALID_PARAMS: 400,
  INVALID_CURSOR: 400,
  REFERENCE_REQUIRED: 400,
  ENGINE_UNAVAILABLE: 400,
  INVALID_NAME: 400,
  VARIANT_NOT_FOUND: 400,
  NOT_A_PERMUTATION: 400,
  SET_FULL: 409,
  PROMPT_NOT_UNDERSTOOD: 422,
  REFINE_REFUSED: 422,
  PROVIDER_AUTH_FAILED: 502,
  PROVIDER_RATE_LIMITED: 429,
  PROVIDER_OVERLOADED: 503,
  PROVIDER_UNREACHABLE: 502,
  PROVIDER_ERROR: 502,
  PROVIDER_BAD_OUTPUT: 502,
  PROVIDER_TIMEOUT: 504,
  CANCELLED: 499,
};

/**
 * An input or route failure of the contract, thrown where it is found (validation, ownership,
 * configuration); its status comes from the code. One handler maps everything to
 * `{ code, message, details? }` and never leaks internals of unexpected failures. Generation
 * failures are values instead (icons/generation-failure.ts).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.statusCode = ERROR_STATUS[code];
  }
}

export const badRequest = (
  code:
    | "VALIDATION_FAILED"
    | "INVALID_SVG"
    | "INVALID_PARAMS"
    | "INVALID_CURSOR"
    | "REFERENCE_REQUIRED"
    | "ENGINE_UNAVAILABLE"
    | "INVALID_NAME"
    | "VARIANT_NOT_FOUND"
    | "NOT_A_PERMUTATION",
  message: string,
  details?: unknown,
) => new ApiError(code, message, details);
export const unauthorized = (message = "Sign in first.") => new ApiError("UNAUTHENTICATED", message);
export const notFound = (what: string) => new ApiError("NOT_FOUND", `${what} was not found.`);

export type { ErrorBody };

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const fieldOf = (issue: ValidationIssue, context: string | undefined): string => {
  const missing = issue.params?.missingProperty;
  const base = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
  const field = typeof missing === "string" ? (base ? `${base}.${missing}` : missing) : base;
  return [context, field].filter(Boolean).join(".") || (context ?? "request");
};

const messageOf = (issue: ValidationIssue): string => {
  const pattern = issue.params?.pattern;
  if (issue.keyword === "pattern" && typeof pattern === "string" && PATTERN_MESSAGES[pattern] !== undefined) {
    return PATTERN_MESSAGES[pattern];
  }
  return issue.message ?? "is invalid";
};

/** Fastify's own failures (before a route runs) keep their meaning under stable codes. */
const FRAMEWORK_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "PAYLOAD_TOO_LARGE",
    message: "The request body is too large; send less data.",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "Send the body as application/json.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "INVALID_JSON",
    message: "The body is empty; send a JSON object or no content-type.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: "INVALID_JSON",
    message: "The body is not valid JSON.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "INVALID_CONTENT_LENGTH",
    message: "Content-Length does not match the body.",
  },
  FST_ERR_BAD_URL: {
    code: "BAD_URL",
    message: "The URL is malformed (for example a % not followed by two hex digits); encode it and retry.",
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: "URL_TOO_LONG",
    message: "A path segment of the URL is too long; shorten it.",
  },
  FST_ERR_ASYNC_CONSTRAINT: { code: "BAD_REQUEST", message: "The request is malformed." },
};

/** An error answer; `retryAfter` is the Retry-After header it carries unless one is already set. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: ErrorBody;
  readonly retryAfter?: string;
}

export const toErrorResponse = (error: FastifyError | Error): ErrorAnswer => {
  if (error instanceof ApiError) {
    return {
      status: error.statusCode,
      body: {
        code: error.code,
        message: error.message,
        ...(error.details !== undefined && { details: error.details }),
      },
    };
  }
  const fastifyError = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    const details = fastifyError.validation.map((issue) => ({
      field: fieldOf(issue, fastifyError.validationContext),
      message: messageOf(issue),
    }));
    const first = details[0];
    return {
      status: 400,
      body: {
        code: "VALIDATION_FAILED",
        message: first ? `${first.field} ${first.message}.` : "The request is invalid.",
        details,
      },
    };
  }
  const known = fastifyError.code ? FRAMEWORK_CODES[fastifyError.code] : undefined;
  if (known) return { status: ERROR_STATUS[known.code], body: { code: known.code, message: known.message } };
  if (fastifyError.statusCode === 429) {
    return {
      status: 429,
      body: { code: "RATE_LIMITED", message: "Too many requests; wait a moment and retry." },
      // Rate limits reset within the minute; a used-up daily quota does not, so it gets no hint.
      retryAfter: "60",
    };
  }
  const database = classifyDatabaseError(error);
  if (database.kind === "invalid_value") {
    return {
      status: 400,
      body: {
        code: "INVALID_VALUE",
        message:
          "A value in the request cannot be stored or compared (for example an impossible date or a NUL character); correct it and retry.",
      },
    };
  }
  if (database.kind === "unavailable") {
    return {
      status: 503,
      body: {
        code: "DATABASE_UNAVAILABLE",
        message: "The database cannot be reached right now; retry in a moment.",
      },
      retryAfter: "5",
    };
  }
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { status, body: { code: "BAD_REQUEST", message: "The request could not be processed." } };
  }
  return { status: 500, body: { code: "INTERNAL", message: "Something went wrong on our side; try again." } };
};

export const registerErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body, retryAfter } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: body.code, status }, "request rejected");
    if (retryAfter !== undefined && reply.getHeader("retry-after") === undefined)
      reply.header("retry-after", retryAfter);
    return reply.status(status).send(body);
  });
};

/** The project's 404 body; set in the scope whose hooks (headers, CORS, metrics) it should run. */
export const registerNotFound = (app: FastifyInstance): void => {
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ code: "ROUTE_NOT_FOUND", message: `No route ${request.method} ${request.url.split("?")[0]}.` }),
  );
};
