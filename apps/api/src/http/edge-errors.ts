import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import type { ErrorCode } from "@parametric-portal/contracts/errors";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { corsHeadersFor } from "./cors";
import { toErrorResponse } from "./errors";

/**
 * Failures Fastify answers before any hook runs get the project's `{ code, message }` shape and
 * the headers every other response carries.
 */

/** Fastify's `frameworkErrors`: malformed URL encoding, over-long path parameters. */
export const frameworkErrors =
  (headers: Readonly<Record<string, string>>, corsOrigins: readonly string[]) =>
  (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const { status, body } = toErrorResponse(error);
    request.log.info({ code: body.code, status }, "request rejected");
    const origin = request.headers.origin;
    reply
      .headers(headers)
      .headers(corsHeadersFor(typeof origin === "string" ? origin : undefined, corsOrigins))
      .header("x-request-id", request.id)
      .code(status)
      .send(body);
  };

const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: ErrorCode; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: "Request Timeout",
    code: "REQUEST_TIMEOUT",
    message: "The request took too long to arrive; send it again.",
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: "Request Header Fields Too Large",
    code: "HEADERS_TOO_LARGE",
    message: "The request headers are too large; send fewer or shorter headers (cookies included).",
  },
};
const MALFORMED: { status: number; reason: string; code: ErrorCode; message: string } = {
  status: 400,
  reason: "Bad Request",
  code: "MALFORMED_REQUEST",
  message: "The request is not valid HTTP/1.1.",
};

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refused (bad request line, unknown
 * method, headers too large). There is no request object yet, so the answer is written to the
 * socket directly, with a fresh request id.
 */
export const clientErrorHandler =
  (headers: Readonly<Record<string, string>>) =>
  (error: Error & { code?: string }, socket: Socket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    if (socket.writable) {
      const { status, reason, code, message } = CLIENT_ERRORS[error.code ?? ""] ?? MALFORMED;
      const body = JSON.stringify({ code, message });
      const lines = [
        `HTTP/1.1 ${status} ${reason}`,
        "content-type: application/json; charset=utf-8",
        `content-length: ${Buffer.byteLength(body)}`,
        `x-request-id: ${randomUUID()}`,
        "connection: close",
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join("\r\n")}\r\n\r\n${body}`);
    }
    socket.destroy(error);
  };
