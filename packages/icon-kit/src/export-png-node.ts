/**
 * Node only: the resvg wasm bytes for `createPngRenderer`. Read from the installed package, or
 * from `resvg.wasm` beside a bundle that has no node_modules (the API's production bundle copies
 * it there).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

export async function loadResvgWasm(): Promise<Uint8Array> {
  let packaged: string | null = null;
  try {
    packaged = createRequire(import.meta.url).resolve("@resvg/resvg-wasm/index_bg.wasm");
  } catch {
    // Bundled without node_modules: fall through to the copy beside the bundle.
  }
  return readFile(packaged ?? new URL("./resvg.wasm", import.meta.url));
}
