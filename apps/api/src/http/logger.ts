import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import type { DestinationStream, LoggerOptions } from "pino";
import pino from "pino";

/**
 * Structured JSON logs. Query strings are dropped from logged URLs (OAuth callbacks carry
 * `code` and `state` there) and every header or field that can hold a credential is censored.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers['x-api-key']",
  "req.headers['x-csrf-token']",
  "res.headers['set-cookie']",
  "*.password",
  "*.apiKey",
  "*.key",
  "*.token",
  "*.secret",
  "*.clientSecret",
  "*.encryptionKey",
];

export const loggerOptions = (level: string): LoggerOptions => ({
  level,
  redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  serializers: {
    req: (req: { method: string; url: string; headers: Record<string, unknown>; ip?: string }) => ({
      method: req.method,
      path: req.url.split("?")[0],
      userAgent: req.headers["user-agent"],
      ip: req.ip,
    }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
});

export const createLogger = (level: string, stream?: DestinationStream) =>
  stream ? pino(loggerOptions(level), stream) : pino(loggerOptions(level));

export type Logger = ReturnType<typeof createLogger>;

type Bindings = Parameters<FastifyBaseLogger["child"]>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger["child"]>[1]>;
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * A request's logger, made on first use. Fastify gives every request a pino child bound to its
 * request id, and making one (serialising the bindings through the redaction) cost about 2 µs, a
 * tenth of a health check's whole budget; most health checks never log.
 */
class LazyChildLogger {
  #real: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  real(): FastifyBaseLogger {
    this.#real ??= this.parent.child(this.bindings, this.options);
    return this.#real;
  }

  get level(): string {
    return this.real().level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }
}
for (const level of LEVELS) {
  Object.defineProperty(LazyChildLogger.prototype, level, {
    value(this: LazyChildLogger, ...args: unknown[]) {
      (this.real()[level] as (...values: unknown[]) => void)(...args);
    },
  });
}

/** Fastify's `childLoggerFactory`: request loggers that cost nothing until something is logged. */
export const lazyChildLogger = (
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildOptions,
): FastifyBaseLogger => new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger;

/**
 * One access-log line per request, when it ends: method, path, user agent, client address, status
 * and response time together (Fastify's default writes two, "incoming request" and "request
 * completed", each through the redaction; the pair was the largest item left in a generation's
 * profile). Requests `skip` says yes to (health probes) are not logged. Fastify's other request
 * logs (errors, not-found) are kept as they are.
 */
export class AccessLogController extends LogController {
  constructor(skip: (url: string) => boolean) {
    super({ disableRequestLogging: (request) => skip(request.url) });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        "request errored",
      );
    } else {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
    }
  }
}
