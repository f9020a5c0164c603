import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { inject } from "vitest";
import { API_URL_PLACEHOLDER } from "./global-setup";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".map": "application/json",
};

/** Files that may carry the API URL; images and fonts are served as they are. */
const TEXT = new Set([".html", ".js", ".css", ".json", ".map"]);

export interface WebApp {
  readonly origin: string;
  readonly close: () => Promise<void>;
}

/**
 * The app `vite build` made once for the run, served by a tiny static server (SPA fallback) with
 * `apiUrl` where the build has `API_URL_PLACEHOLDER`: the same bytes a build with
 * VITE_API_URL=apiUrl gives, since Vite inlines the variable as a string literal.
 */
export const startWebApp = async (opts: { port: number; apiUrl: string }): Promise<WebApp> => {
  const outDir = inject("webAppDir");
  if (!outDir)
    throw new Error("No shared web app build: run the e2e tests with the e2e project's globalSetup.");
  const cache = new Map<string, Promise<Buffer>>();
  const load = (file: string) => {
    let body = cache.get(file);
    if (body === undefined) {
      body = readFile(file).then((bytes) =>
        TEXT.has(path.extname(file))
          ? Buffer.from(bytes.toString("utf8").replaceAll(API_URL_PLACEHOLDER, opts.apiUrl), "utf8")
          : bytes,
      );
      // A failed read is not kept, so a missing file answers 404 each time.
      body.catch(() => cache.delete(file));
      cache.set(file, body);
    }
    return body;
  };
  const server: Server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(outDir, path.normalize(pathname));
    const inside = file.startsWith(outDir) && path.extname(file) !== "";
    const served = inside ? file : path.join(outDir, "index.html");
    try {
      const body = await load(served);
      res.writeHead(200, { "content-type": TYPES[path.extname(served)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${opts.port}`,
    close: async () => {
      await new Promise((r) => server.close(r));
    },
  };
};
