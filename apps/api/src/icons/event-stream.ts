import { PassThrough } from "node:stream";
import type { FastifyReply } from "fastify";

/**
 * A Server-Sent Events response body. Sent through Fastify (not hijacked) so CORS, security
 * and request-id headers still apply.
 */

const HEARTBEAT_MS = 15_000;

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
}

export const openEventStream = (reply: FastifyReply): EventStream => {
  const body = new PassThrough();
  // Fastify destroys the body when the client leaves; late writes must then be no-ops, not crashes.
  body.on("error", () => {});
  const open = () => !body.destroyed && !body.writableEnded;
  // Comment lines keep proxies (Traefik, browsers) from closing an idle-looking connection.
  const heartbeat = setInterval(() => {
    if (open()) body.write(": keep-alive\n\n");
  }, HEARTBEAT_MS);
  heartbeat.unref();
  reply
    .status(200)
    .header("content-type", "text/event-stream; charset=utf-8")
    .header("cache-control", "no-cache, no-transform")
    .header("x-accel-buffering", "no");
  void reply.send(body);
  return {
    send: (event, data) => {
      if (open()) body.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end: () => {
      clearInterval(heartbeat);
      if (open()) body.end();
    },
  };
};

export const wantsEventStream = (accept: string | undefined): boolean =>
  accept?.toLowerCase().includes("text/event-stream") ?? false;
