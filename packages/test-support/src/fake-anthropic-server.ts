import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";

/**
 * Test support: a local Anthropic Messages API on 127.0.0.1 that speaks the real protocol
 * (JSON errors, and SSE streaming with message_start / content_block_* / message_delta /
 * message_stop), so the production SDK code path runs unchanged against it.
 */

export type FakeReply =
  /** A forced tool call whose input JSON text is streamed in `chunks` pieces. */
  | {
      readonly kind: "tool";
      readonly inputJson: string;
      readonly chunks?: number;
      readonly toolName?: string;
      readonly toolUseId?: string;
      /** Token counts to report; defaults are small fixed numbers. */
      readonly usage?: FakeUsage;
    }
  | {
      readonly kind: "error";
      readonly status: number;
      readonly type: string;
      readonly headers?: Record<string, string>;
    }
  /** The whole answer, message_stop included, but the connection is left open until the client closes it. */
  | { readonly kind: "linger"; readonly inputJson: string }
  /** Never answers at all. */
  | { readonly kind: "hang" }
  /** Sends message_start, then stalls mid-stream. */
  | { readonly kind: "stall" }
  /** Starts the tool call's stream, then drops the connection mid-way. */
  | { readonly kind: "drop"; readonly inputJson: string }
  /** Answers 200 with bytes that are neither JSON nor an event stream. */
  | { readonly kind: "garbage"; readonly contentType: string; readonly body: string };

export type FakeModelsReply =
  | { readonly kind: "ok" }
  | { readonly kind: "error"; readonly status: number; readonly type: string }
  | { readonly kind: "hang" };

export interface FakeUsage {
  readonly input?: number;
  readonly cacheRead?: number;
  readonly cacheCreation?: number;
  readonly output?: number;
}

export interface RecordedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

export interface FakeAnthropic {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly modelsRequests: RecordedRequest[];
  /** Requests whose connection the client closed before the fake finished answering. */
  readonly aborted: number;
  /** Resolves once the next complete answer (through message_stop) has been written. */
  nextAnswered(): Promise<void>;
  /** Resolves once the next upstream abort is seen. */
  nextAbort(): Promise<void>;
  /** The reply to give each following request (until changed), once any scripted ones are used up. */
  reply(next: FakeReply): void;
  /**
   * How `GET /v1/models` (the saved-key check) answers from now on: 200 with one model, an
   * error status, or never. Its requests go to `modelsRequests`, so `requests` stays the
   * generations' calls.
   */
  models(next: FakeModelsReply): void;
  /** Replies for the next requests, one each, in order (a conversation's calls); then `reply`'s. */
  script(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

/** The key a request carried: the SDK sends it as `x-api-key` or as an `Authorization: Bearer` token. */
export const apiKeyOf = (request: RecordedRequest): string | undefined => {
  const header = request.headers["x-api-key"];
  if (typeof header === "string") return header;
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
};

const sse = (res: ServerResponse, type: string, data: Record<string, unknown>) =>
  res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);

const split = (text: string, parts: number): string[] => {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [""];
};

// Long answers are written with the event loop let go every so often (and on backpressure), as
// a real network would deliver them, so the client runs while the fake sends.
const YIELD_EVERY = 32;

const streamTool = async (
  res: ServerResponse,
  model: string,
  reply: Extract<FakeReply, { kind: "tool" }>,
  { complete, end } = { complete: true, end: true },
) => {
  const usage = reply.usage ?? {};
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "request-id": "req_fake",
  });
  sse(res, "message_start", {
    message: {
      id: "msg_fake",
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: usage.input ?? 100,
        cache_read_input_tokens: usage.cacheRead ?? 0,
        cache_creation_input_tokens: usage.cacheCreation ?? 0,
        output_tokens: 1,
      },
    },
  });
  sse(res, "content_block_start", {
    index: 0,
    content_block: {
      type: "tool_use",
      id: reply.toolUseId ?? "toolu_fake",
      name: reply.toolName ?? "emit_icon_variants",
      input: {},
    },
  });
  for (const [i, piece] of split(reply.inputJson, reply.chunks ?? 4).entries()) {
    if (res.destroyed) return;
    const flowing = sse(res, "content_block_delta", {
      index: 0,
      delta: { type: "input_json_delta", partial_json: piece },
    });
    if (!flowing) await Promise.race([once(res, "drain"), once(res, "close")]);
    else if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
  }
  if (!complete || res.destroyed) return;
  sse(res, "content_block_stop", { index: 0 });
  sse(res, "message_delta", {
    delta: { stop_reason: "tool_use", stop_sequence: null },
    usage: { output_tokens: usage.output ?? 500 },
  });
  sse(res, "message_stop", {});
  if (end) res.end();
};

export const startFakeAnthropic = async (): Promise<FakeAnthropic> => {
  let current: FakeReply = { kind: "error", status: 500, type: "api_error" };
  let modelsReply: FakeModelsReply = { kind: "ok" };
  const scripted: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const modelsRequests: RecordedRequest[] = [];
  let aborted = 0;
  const abortWaiters: (() => void)[] = [];
  const answerWaiters: (() => void)[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
    const isModels = req.method === "GET" && req.url?.split("?")[0] === "/v1/models";
    (isModels ? modelsRequests : requests).push({ headers: req.headers, body });
    res.on("close", () => {
      if (!res.writableFinished) {
        aborted += 1;
        for (const resolve of abortWaiters.splice(0)) resolve();
      }
    });
    if (isModels) {
      if (modelsReply.kind === "hang") return;
      if (modelsReply.kind === "error") {
        res.writeHead(modelsReply.status, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            type: "error",
            error: { type: modelsReply.type, message: `fake ${modelsReply.type}` },
          }),
        );
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "request-id": "req_fake" });
      res.end(
        JSON.stringify({
          data: [
            {
              type: "model",
              id: "claude-fake-1",
              display_name: "Claude Fake",
              created_at: "2026-01-01T00:00:00Z",
            },
          ],
          has_more: true,
          first_id: "claude-fake-1",
          last_id: "claude-fake-1",
        }),
      );
      return;
    }
    if (req.method !== "POST" || req.url?.split("?")[0] !== "/v1/messages") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: "Not found" } }));
      return;
    }
    const reply = scripted.shift() ?? current;
    if (reply.kind === "tool") return streamTool(res, String(body.model), reply);
    if (reply.kind === "linger") {
      await streamTool(
        res,
        String(body.model),
        { kind: "tool", inputJson: reply.inputJson },
        { complete: true, end: false },
      );
      for (const resolve of answerWaiters.splice(0)) resolve();
      return;
    }
    if (reply.kind === "error") {
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify({ type: "error", error: { type: reply.type, message: `fake ${reply.type}` } }));
      return;
    }
    if (reply.kind === "garbage") {
      res.writeHead(200, { "content-type": reply.contentType });
      res.end(reply.body);
      return;
    }
    if (reply.kind === "drop") {
      // Half of a well-formed stream, then the socket dies without a message_stop.
      const half = reply.inputJson.slice(0, Math.floor(reply.inputJson.length / 2));
      await streamTool(
        res,
        String(body.model),
        { kind: "tool", inputJson: half, chunks: 3 },
        { complete: false, end: false },
      );
      setTimeout(() => res.destroy(), 20);
      return;
    }
    if (reply.kind === "stall") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      sse(res, "message_start", {
        message: {
          id: "msg_fake",
          type: "message",
          role: "assistant",
          model: String(body.model),
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 1, output_tokens: 1 },
        },
      });
    }
    // "hang" and "stall": keep the connection open until the client gives up.
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    modelsRequests,
    get aborted() {
      return aborted;
    },
    nextAnswered: () => new Promise<void>((resolve) => answerWaiters.push(resolve)),
    nextAbort: () => new Promise<void>((resolve) => abortWaiters.push(resolve)),
    reply: (next) => {
      current = next;
    },
    models: (next) => {
      modelsReply = next;
    },
    script: (...replies) => {
      scripted.push(...replies);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
