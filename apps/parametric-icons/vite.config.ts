import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  preview: { port: 3001, strictPort: true, host: "127.0.0.1" },
  build: {
    outDir: "dist",
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    // No manual vendor chunk: Rollup's own split keeps each library with the code that uses it,
    // so what loads on demand (workspace, panels, exports, the local engine) takes its libraries
    // along instead of a shared vendor chunk making every visitor download them up front.
  },
});
