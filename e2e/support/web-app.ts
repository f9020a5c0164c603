import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "./processes";

const APP = path.resolve(import.meta.dirname, "../../apps/parametric-icons");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".map": "application/json",
};

export interface WebApp {
  readonly origin: string;
  readonly close: () => Promise<void>;
}

/** `vite build` with VITE_API_URL pointing at the test API, served by a tiny static server (SPA fallback). */
export const startWebApp = async (opts: { port: number; apiUrl: string }): Promise<WebApp> => {
  const outDir = await mkdtemp(path.join(tmpdir(), "pp-icons-e2e-"));
  await run(
    path.join(APP, "node_modules/.bin/vite"),
    ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
    {
      cwd: APP,
      env: { ...process.env, VITE_API_URL: opts.apiUrl },
    },
  );
  const server: Server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(outDir, path.normalize(pathname));
    const inside = file.startsWith(outDir) && path.extname(file) !== "";
    const served = inside ? file : path.join(outDir, "index.html");
    try {
      const body = await readFile(served);
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
      await rm(outDir, { recursive: true, force: true });
    },
  };
};
