import type { DoneEvent as Generated, ParamChange } from "@parametric-portal/contracts/icons";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { ApiError } from "./api-client";
import type { GenerateProgress } from "./types";

export interface GenerateHandlers {
  readonly onProgress: (progress: GenerateProgress) => void;
}

const parseData = (data: string, event: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(data);
    if (value && typeof value === "object") return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ApiError(0, "bad_stream", `The server sent an unreadable "${event}" event. Try again.`);
};

/**
 * Reads the icon-generation event stream (`progress`, `done`, `error`) and resolves with the
 * finished icon (and what a refinement changed); an `error` event rejects with its code, message
 * and details. A stream that ends without `done` is an error, so a dropped connection is never
 * mistaken for success.
 */
export const readGenerationStream = async (
  body: ReadableStream<Uint8Array>,
  handlers: GenerateHandlers,
): Promise<Generated> => {
  const events = body
    .pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>)
    .pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const name = value.event ?? "message";
      if (name === "progress") {
        const data = parseData(value.data, name);
        handlers.onProgress({
          stage: String(data.stage ?? ""),
          message: String(data.message ?? ""),
          ...(typeof data.variantsReceived === "number" && { variantsReceived: data.variantsReceived }),
        });
      } else if (name === "done") {
        const data = parseData(value.data, name);
        if (!data.icon || typeof data.icon !== "object") {
          throw new ApiError(0, "bad_stream", 'The server finished without an icon in its "done" event.');
        }
        return {
          icon: data.icon as Generated["icon"],
          ...(Array.isArray(data.changes) && { changes: data.changes as ParamChange[] }),
        };
      } else if (name === "error") {
        const data = parseData(value.data, name);
        throw new ApiError(
          0,
          typeof data.code === "string" ? data.code : "generation_failed",
          typeof data.message === "string" ? data.message : "Generation failed. Try again.",
          data.details,
        );
      }
    }
  } finally {
    reader.releaseLock();
  }
  throw new ApiError(0, "stream_ended", "The connection closed before the icon was finished. Try again.");
};
