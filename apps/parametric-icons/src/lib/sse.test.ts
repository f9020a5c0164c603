import type {} from "@parametric-portal/contracts/icons";
import { describe, expect, it } from "vitest";
import { readGenerationStream } from "./sse";
import type { GenerateProgress } from "./types";

// Splits the text at awkward places to prove events spanning chunks are reassembled.
const streamOf = (text: string, chunk = 7): ReadableStream<Uint8Array> => {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
      controller.close();
    },
  });
};

const icon = { id: "i1", prompt: "arc", variants: [] };

describe("readGenerationStream", () => {
  it("reports progress events and resolves with the icon of the done event", async () => {
    const seen: GenerateProgress[] = [];
    const text =
      'event: progress\ndata: {"stage":"generating","message":"Drawing","variantsReceived":1}\n\n' +
      ": keep-alive comment\n\n" +
      'event: progress\ndata: {"stage":"checking","message":"Checking rules"}\n\n' +
      `event: done\ndata: ${JSON.stringify({ icon })}\n\n`;
    const result = await readGenerationStream(streamOf(text), { onProgress: (p) => seen.push(p) });
    expect(result).toEqual({ icon });
    expect(seen).toEqual([
      { stage: "generating", message: "Drawing", variantsReceived: 1 },
      { stage: "checking", message: "Checking rules" },
    ]);
  });

  it("rejects with the server's code and message on an error event", async () => {
    const text = 'event: error\ndata: {"code":"rate_limited","message":"Slow down, try in a minute."}\n\n';
    await expect(readGenerationStream(streamOf(text), { onProgress: () => {} })).rejects.toMatchObject({
      code: "rate_limited",
      message: "Slow down, try in a minute.",
    });
  });

  it("resolves with what a refinement changed", async () => {
    const changes = [{ key: "sides", from: 6, to: 8 }];
    const text = `event: done\ndata: ${JSON.stringify({ icon, changes })}\n\n`;
    const result = await readGenerationStream(streamOf(text), { onProgress: () => {} });
    expect(result).toEqual({ icon, changes });
  });

  it("keeps the details of an error event (what was understood, suggestions)", async () => {
    const details = { unknown: ["cat"], understood: [], suggestions: ["circle"] };
    const text = `event: error\ndata: ${JSON.stringify({ code: "PROMPT_NOT_UNDERSTOOD", message: "No tool.", details })}\n\n`;
    await expect(readGenerationStream(streamOf(text), { onProgress: () => {} })).rejects.toMatchObject({
      code: "PROMPT_NOT_UNDERSTOOD",
      details,
    });
  });

  it("rejects when the stream ends without a done event", async () => {
    const text = 'event: progress\ndata: {"stage":"a","message":"b"}\n\n';
    await expect(readGenerationStream(streamOf(text), { onProgress: () => {} })).rejects.toMatchObject({
      code: "stream_ended",
    });
  });

  it("rejects unreadable event data with a clear message", async () => {
    await expect(
      readGenerationStream(streamOf("event: done\ndata: {not json\n\n"), { onProgress: () => {} }),
    ).rejects.toThrow(/unreadable "done" event/);
  });
});
