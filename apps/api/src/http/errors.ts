import type { ErrorBody, ErrorCode } from "@parametric-portal/contracts/errors";
import { PATTERN_MESSAGES } from "@parametric-portal/contracts/primitives";
import { classifyDatabaseError } from "@parametric-portal/database/errors";
import type { FastifyError, FastifyInstance } from "fastify";

/**
 * Errors are values with stable codes. Routes throw `ApiError`; one handler maps everything
 * to `{ code, message, details? }` and never leaks internals of unexpected failures.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: ErrorCode, message: string, details?: unknown) =>
  new ApiError(400, code, message, details);
export const unauthorized = (message = "Sign in first.") => new ApiError(401, "UNAUTHENTICATED", message);
export const forbidden = (code: ErrorCode, message: string) => new ApiError(403, code, message);
export const notFound = (what: string) => new ApiError(404, "NOT_FOUND", `${what} was not found.`);
export const conflict = (code: ErrorCode, message: string) => new ApiError(409, code, message);
export const unavailable = (code: ErrorCode, message: string) => new ApiError(503, code, message);

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
const FRAMEWORK_CODES: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    message: "The request body is too large; send less data.",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "Send the body as application/json.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: "INVALID_JSON",
    message: "The body is empty; send a JSON object or no content-type.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: "INVALID_JSON",
    message: "The body is not valid JSON.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "INVALID_CONTENT_LENGTH",
    message: "Content-Length does not match the body.",
  },
  FST_ERR_BAD_URL: {
    status: 400,
    code: "BAD_URL",
    message: "The URL is malformed (for example a % not followed by two hex digits); encode it and retry.",
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: "URL_TOO_LONG",
    message: "A path segment of the URL is too long; shorten it.",
  },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: "BAD_REQUEST", message: "The request is malformed." },
};

export const toErrorResponse = (error: FastifyError | Error): { status: number; body: ErrorBody } => {
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
  if (known) return { status: known.status, body: { code: known.code, message: known.message } };
  if (fastifyError.statusCode === 429) {
    return {
      status: 429,
      body: { code: "RATE_LIMITED", message: "Too many requests; wait a moment and retry." },
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
    const { status, body } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: body.code, status }, "request rejected");
    // Rate limits reset within the minute; a used-up daily quota does not, so it gets no hint.
    if (body.code === "RATE_LIMITED" && reply.getHeader("retry-after") === undefined)
      reply.header("retry-after", "60");
    if (body.code === "DATABASE_UNAVAILABLE") reply.header("retry-after", "5");
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ code: "ROUTE_NOT_FOUND", message: `No route ${request.method} ${request.url.split("?")[0]}.` }),
  );
};
