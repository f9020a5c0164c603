// Static server for the web app's container: plain Node, no dependencies, so the image needs
// nothing but this file and the built files in ./public (made by tools/ops/docker/docker-bundle-*.sh).
import { createReadStream, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";
// Vite writes content-hashed names (index-B1x2y3z4.js) under assets/; only those may be cached forever.
const HASHED_ASSET = /^\/assets\/.+[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

// Transport security (HSTS) and the per-app CSP come from the Traefik middleware; these hold without it.
const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Content-Security-Policy": "base-uri 'self'; object-src 'none'; frame-ancestors 'none'",
};

// Files up to this size (source maps aside) are held in memory: the page and its entry chunk are
// then answered without opening and reading a file per request, which is server time on the
// critical path of every first load. The built app's such files total about 4 MB.
const IN_MEMORY_MAX_BYTES = 1024 * 1024;
const SOURCE_MAP = /\.map(\.(br|gz))?$/;

/**
 * Indexes every file under `root` once at start-up: the files never change inside the image, and a
 * request can only ever reach a path in this map, which rules out path traversal.
 */
export const indexFiles = (root) => {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const stat = statSync(full);
        const inMemory = stat.size <= IN_MEMORY_MAX_BYTES && !SOURCE_MAP.test(entry.name);
        files.set(`/${path.relative(root, full).split(path.sep).join("/")}`, {
          full,
          size: stat.size,
          mtime: stat.mtime,
          body: inMemory ? readFileSync(full) : undefined,
        });
      }
    }
  };
  walk(root);
  return files;
};

/** The encodings the client accepts with a non-zero quality (`br;q=0` means "not br"). */
const acceptedEncodings = (header) =>
  new Set(
    String(header ?? "")
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, "")) > 0)
      .map(([name]) => name.trim().toLowerCase()),
  );

const cacheControlFor = (urlPath) => (HASHED_ASSET.test(urlPath) ? IMMUTABLE : REVALIDATE);

export const createStaticServer = ({ root }) => {
  const files = indexFiles(root);
  const index = files.get("/index.html");
  if (!index) throw new Error(`${root} has no index.html: build the web app first.`);

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8", ...headers });
    res.end(body);
  };

  const resolve = (urlPath, req) => {
    const candidate = urlPath.endsWith("/") ? `${urlPath}index.html` : urlPath;
    const file = files.get(candidate);
    // The .br/.gz siblings are only ever sent as an encoding of their original.
    if (file && !/\.(br|gz)$/.test(candidate)) return { urlPath: candidate, file };
    // Client-side routes (no file extension) get the app shell; a missing asset stays a 404.
    const wantsPage = !path.posix.extname(urlPath) || String(req.headers.accept ?? "").includes("text/html");
    return wantsPage ? { urlPath: "/index.html", file: index } : undefined;
  };

  return createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(res, 405, "Method Not Allowed\n", { Allow: "GET, HEAD" });
    }
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      return send(res, 400, "Bad Request: the path is not valid percent-encoding\n");
    }
    if (urlPath === "/healthz") return send(res, 200, "ok\n", { "Cache-Control": "no-store" });

    const found = resolve(urlPath, req);
    if (!found) return send(res, 404, "Not Found\n", { "Cache-Control": REVALIDATE });

    const type = TYPES[path.posix.extname(found.urlPath)] ?? "application/octet-stream";
    const accepted = acceptedEncodings(req.headers["accept-encoding"]);
    const variant = [
      ["br", ".br"],
      ["gzip", ".gz"],
    ].find(([name, suffix]) => accepted.has(name) && files.has(found.urlPath + suffix));
    const file = variant ? files.get(found.urlPath + variant[1]) : found.file;
    const etag = `W/"${file.size.toString(16)}-${file.mtime.getTime().toString(16)}${variant ? `-${variant[0]}` : ""}"`;
    const headers = {
      ...SECURITY_HEADERS,
      "Content-Type": type,
      "Cache-Control": cacheControlFor(found.urlPath),
      ETag: etag,
      "Last-Modified": file.mtime.toUTCString(),
      Vary: "Accept-Encoding",
      ...(variant ? { "Content-Encoding": variant[0] } : {}),
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, { ...headers, "Content-Length": file.size });
    if (req.method === "HEAD") return res.end();
    if (file.body) return res.end(file.body);
    createReadStream(file.full)
      .on("error", () => res.destroy())
      .pipe(res);
  });
};

const parsePort = (value) => {
  if (value === undefined || value === "") return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a whole number from 1 to 65535 (got "${value}").`);
  }
  return port;
};

const main = () => {
  const root = process.env.STATIC_ROOT ?? fileURLToPath(new URL("./public/", import.meta.url));
  const port = parsePort(process.env.PORT);
  const server = createStaticServer({ root });
  server.keepAliveTimeout = 5_000;
  server.listen(port, () => console.log(JSON.stringify({ msg: "listening", port, root })));

  // Kubernetes sends SIGTERM, then SIGKILL after the grace period: finish in-flight requests first.
  const stop = (signal) => {
    console.log(JSON.stringify({ msg: "stopping", signal }));
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
};

// Node runs the real path of a symlinked script, so compare real paths.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  try {
    main();
  } catch (error) {
    console.error(`serve: ${error.message}`);
    process.exit(1);
  }
}
