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
