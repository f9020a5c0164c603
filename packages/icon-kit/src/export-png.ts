/**
 * SVG → PNG with resvg compiled to WebAssembly: the same renderer, and so the same pixels, in
 * Node and in the browser (docs/adr/0009-png-export-with-resvg-wasm.md). Browser-safe: the wasm
 * bytes come from an injected loader, never from a Node module here.
 *
 * Public API:
 * - `createPngRenderer(loadWasm) => (svg, size) => Promise<Uint8Array>` — a square PNG of
 *   `size`×`size`. `loadWasm` runs once per process/page (resvg initialises globally): in Node
 *   pass `loadResvgWasm` from `export-png-node.ts`; in the browser `() => fetch(wasmUrl)` with
 *   `import wasmUrl from "@resvg/resvg-wasm/index_bg.wasm?url"`.
 * - `ResvgWasmSource` — what the loader may return (bytes, a Response or a compiled module).
 */
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import { assertPngSize } from "./export-options";
import { svgForRaster } from "./export-svg";

export type ResvgWasmSource = BufferSource | Response | WebAssembly.Module;

let ready: Promise<void> | null = null;

function initialise(loadWasm: () => Promise<ResvgWasmSource>): Promise<void> {
  ready ??= loadWasm()
    .then((source) => initWasm(source))
    .catch((error: unknown) => {
      // A failed load may be retried (e.g. a network blip in the browser).
      ready = null;
      throw new Error(
        `The PNG renderer could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  return ready;
}

export function createPngRenderer(
  loadWasm: () => Promise<ResvgWasmSource>,
): (svg: string, size: number) => Promise<Uint8Array> {
  return async (svg, size) => {
    assertPngSize(size);
    await initialise(loadWasm);
    const resvg = new Resvg(svgForRaster(svg), { fitTo: { mode: "width", value: size } });
    try {
      const image = resvg.render();
      try {
        return image.asPng();
      } finally {
        image.free();
      }
    } finally {
      resvg.free();
    }
  };
}
