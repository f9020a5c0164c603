import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  preview: { port: 3001, strictPort: true, host: "127.0.0.1" },
  build: { outDir: "dist", sourcemap: true },
});
