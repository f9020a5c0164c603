import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type Plugin } from "vite";
import { apiHintTags } from "./src/lib/api-hints";

// The same default as src/api-url.ts, so the hints name the URL the app really fetches.
const DEFAULT_API_URL = "http://localhost:4000/api";

/** Adds the API preconnect and the /auth/me preload (see src/lib/api-hints.ts) to index.html. */
const apiHintsPlugin = (apiUrl: string): Plugin => ({
  name: "parametric-icons-api-hints",
  transformIndexHtml: {
    order: "pre",
    handler: (html) => html.replace("</title>", `</title>\n    ${apiHintTags(apiUrl)}`),
  },
});

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "VITE_");
  return {
    plugins: [react(), tailwindcss(), apiHintsPlugin(env.VITE_API_URL || DEFAULT_API_URL)],
    preview: { port: 3001, strictPort: true, host: "127.0.0.1" },
    build: {
      outDir: "dist",
      sourcemap: true,
      chunkSizeWarningLimit: 600,
      // No manual vendor chunk: Rollup's own split keeps each library with the code that uses it,
      // so what loads on demand (workspace, panels, exports, the local engine) takes its libraries
      // along instead of a shared vendor chunk making every visitor download them up front.
    },
  };
});
