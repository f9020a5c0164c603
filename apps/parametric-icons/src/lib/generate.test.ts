import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type {} from "@parametric-portal/contracts/icons";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GenerateProgress } from "./types";

/**
 * The generation client against a real local HTTP server speaking the API's protocol: SSE when
 * asked for `text/event-stream`, JSON errors, and a stream that stalls so cancellation can be seen.
 */

let server: Server;
let seen: { url: string | undefined; headers: IncomingHttpHeaders; body: string }[] = [];
let closedEarly = 0;

const request = { prompt: "arc", intent: "create", colorMode: "dark", variantCount: 2 } as const;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      seen.push({ url: req.url, headers: req.headers, body });
      const { prompt } = JSON.parse(body) as { prompt: string };
      if (prompt === "bad") {
        res.writeHead(422, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ code: "invalid_prompt", message: "Describe the tool in at least two words." }),
        );
      } else if (prompt === "stall") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write('event: progress\ndata: {"stage":"generating","message":"Drawing"}\n\n');
        res.on("close", () => {
          closedEarly += 1;
        });
      } else {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(
          'event: progress\ndata: {"stage":"generating","message":"Drawing","variantsReceived":2}\n\n',
        );
        res.end(`event: done\ndata: ${JSON.stringify({ icon: { id: "i1", prompt } })}\n\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.VITE_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

// Imported after VITE_API_URL is set, as the build would have fixed it; afresh, since the
// worker may have imported them for another file already (the unit project does not isolate).
const load = async () => {
  vi.resetModules();
  return { ...(await import("./generate")), ...(await import("./api-client")) };
};

describe("generateIcon", () => {
  it("streams progress, resolves with the icon and sends the CSRF header", async () => {
    const { generateIcon, setCsrfToken } = await load();
    setCsrfToken("csrf-123");
    seen = [];
    const progress: GenerateProgress[] = [];
    const result = await generateIcon(request, new AbortController().signal, (p) => progress.push(p));
    expect(result).toEqual({ icon: { id: "i1", prompt: "arc" } });
    expect(progress).toEqual([{ stage: "generating", message: "Drawing", variantsReceived: 2 }]);
    expect(seen[0]?.url).toBe("/api/icons");
    expect(seen[0]?.headers["x-csrf-token"]).toBe("csrf-123");
    expect(seen[0]?.headers.accept).toBe("text/event-stream");
    expect(JSON.parse(seen[0]?.body ?? "{}")).toEqual(request);
  });

  it("turns a JSON error answer into an ApiError with the server's message", async () => {
    const { generateIcon } = await load();
    await expect(
      generateIcon({ ...request, prompt: "bad" }, new AbortController().signal, () => {}),
    ).rejects.toMatchObject({
      status: 422,
      code: "invalid_prompt",
      message: "Describe the tool in at least two words.",
    });
  });

  it("cancels a running generation and closes the connection", async () => {
    const { generateIcon } = await load();
    const controller = new AbortController();
    const before = closedEarly;
    const done = generateIcon({ ...request, prompt: "stall" }, controller.signal, () => controller.abort());
    await expect(done).rejects.toMatchObject({ name: "AbortError" });
    await expect.poll(() => closedEarly).toBe(before + 1);
  });
});
