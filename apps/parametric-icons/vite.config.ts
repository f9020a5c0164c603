import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const LAZY_PACKAGES = ["/@xmldom/", "/svgpath/"];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  preview: { port: 3001, strictPort: true, host: "127.0.0.1" },
  build: {
    outDir: "dist",
    sourcemap: true,
    // Libraries change less often than the app, so they get one chunk that stays cached across
    // deploys. One chunk, not several: split vendor chunks import each other and broke start-up.
    chunkSizeWarningLimit: 600,
    // The local engine's XML parser and path library are only used by the live parameter
    // controls, which load the engine on demand: they stay in that lazy chunk.
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          id.includes("node_modules") && !LAZY_PACKAGES.some((name) => id.includes(name))
            ? "vendor"
            : undefined,
      },
    },
  },
});
