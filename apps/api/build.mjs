// Production bundle: dist/main.mjs (server), dist/migrate.mjs (migration entry point) and
// dist/migrations/*.sql. The Dockerfile runs exactly this script.
import { cp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const here = new URL(".", import.meta.url);
const dist = new URL("dist/", here);
await rm(dist, { recursive: true, force: true });
await build({
  entryPoints: { main: "src/main.ts", migrate: "src/migrate.ts" },
  absWorkingDir: here.pathname,
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  sourcemap: true,
  legalComments: "linked",
  // The embedded database is for development only; production talks to a PostgreSQL server.
  external: ["@electric-sql/pglite", "drizzle-orm/pglite", "pg-native"],
  banner: {
    js: [
      "import { createRequire as __cr } from 'node:module';",
      "import { fileURLToPath as __fu } from 'node:url';",
      "const require = __cr(import.meta.url);",
      "const __filename = __fu(import.meta.url);",
      "const __dirname = __fu(new URL('.', import.meta.url));",
    ].join(" "),
  },
  logLevel: "warning",
});
await cp(new URL("../../packages/database/migrations/", here), new URL("migrations/", dist), {
  recursive: true,
});
// The PNG exporter loads resvg's WebAssembly from disk at run time (icon-kit export-png-node.ts).
await cp(
  createRequire(new URL("../../packages/icon-kit/package.json", here)).resolve(
    "@resvg/resvg-wasm/index_bg.wasm",
  ),
  new URL("resvg.wasm", dist),
);
// swagger-ui reads its page assets from disk at run time.
const swaggerUi = path.dirname(createRequire(import.meta.url).resolve("@fastify/swagger-ui/package.json"));
await cp(path.join(swaggerUi, "static"), new URL("static/", dist).pathname, { recursive: true });
