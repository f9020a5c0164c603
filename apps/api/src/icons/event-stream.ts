import { PassThrough } from "node:stream";
import type { FastifyBaseLogger, FastifyReply } from "fastify";
import { type ErrorAnswer, toErrorResponse } from "../http/errors";
import { type GenerationFailure, generationFailureToHttp } from "./generation-failure";
import type { Generated, GenerationSink } from "./run-generation";

/**
 * The two adapters of the one generation flow: a JSON answer, and a Server-Sent Events stream.
 * Both turn a failure into the same `{ status, code, message, details? }` here, at the edge.
 */

const HEARTBEAT_MS = 15_000;

const answerOf = (failure: GenerationFailure, log: FastifyBaseLogger): ErrorAnswer => {
  if (failure.kind === "unexpected") {
    const answer = toErrorResponse(
      failure.cause instanceof Error ? failure.cause : new Error(String(failure.cause)),
    );
    if (answer.status >= 500) log.error({ err: failure.cause }, "generation failed");
    else log.info({ code: answer.body.code, status: answer.status }, "generation failed");
    return answer;
  }
  const { status, ...body } = generationFailureToHttp(failure);
  // Provider trouble is worth a look, a refusal is not; neither is a bug of ours.
  if (status >= 500) log.warn({ code: body.code, kind: failure.kind }, "generation failed");
  else log.info({ code: body.code, kind: failure.kind }, "generation failed");
  const retryAfter =
    failure.kind === "provider_rate_limited" ? String(Number(failure.retryAfterSeconds ?? 60)) : undefined;
  return { status, body, ...(retryAfter !== undefined && { retryAfter }) };
};

/** A sink that answers once, with 201 and the icon or with the failure's status and error body. */
export interface JsonSink extends GenerationSink {
  send(reply: FastifyReply): FastifyReply;
}

export const jsonSink = (log: FastifyBaseLogger): JsonSink => {
  let outcome: { readonly generated: Generated } | { readonly failure: GenerationFailure } | undefined;
  return {
    progress: () => {},
    done: (generated) => {
      outcome = { generated };
    },
    failed: (failure) => {
      outcome = { failure };
    },
    send: (reply) => {
      if (outcome === undefined) throw new Error("the generation reported no outcome");
      if ("generated" in outcome) return reply.status(201).send(outcome.generated);
      const answer = answerOf(outcome.failure, log);
      if (answer.retryAfter !== undefined) reply.header("retry-after", answer.retryAfter);
      return reply.status(answer.status).send(answer.body);
    },
  };
};

/**
 * A Server-Sent Events response body, sent through Fastify (not hijacked) so CORS, security and
 * request-id headers still apply. `done` and `failed` end the stream.
 */
export const eventStreamSink = (reply: FastifyReply, log: FastifyBaseLogger): GenerationSink => {
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
  const send = (event: string, data: unknown) => {
    if (open()) body.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const end = () => {
    clearInterval(heartbeat);
    if (open()) body.end();
  };
  return {
    progress: (event) => send("progress", event),
    done: (generated) => {
      send("done", generated);
      end();
    },
    failed: (failure) => {
      send("error", answerOf(failure, log).body);
      end();
    },
  };
};

export const wantsEventStream = (accept: string | undefined): boolean =>
  accept?.toLowerCase().includes("text/event-stream") ?? false;
