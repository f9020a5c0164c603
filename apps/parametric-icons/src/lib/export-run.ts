/**
 * Runs an export in the browser with icon-kit's `exportIcons`, the same code the API serves. Load
 * this module with `import()`: it brings SVGO and fflate along, and the PNG renderer (resvg-wasm,
 * docs/adr/0009-png-export-with-resvg-wasm.md) only loads when a PNG is actually drawn.
 */
import type { ExportIcon } from "@parametric-portal/icon-kit/export-options";
import { type ExportedFile, type ExportRequest, exportIcons } from "@parametric-portal/icon-kit/export-set";

export type { ExportedFile };

let renderer: Promise<(svg: string, size: number) => Promise<Uint8Array>> | null = null;

/** resvg's JavaScript and its wasm file, fetched the first time a PNG is drawn. */
const loadRenderer = () => {
  renderer ??= Promise.all([
    import("@parametric-portal/icon-kit/export-png"),
    import("@resvg/resvg-wasm/index_bg.wasm?url"),
  ])
    .then(([{ createPngRenderer }, { default: wasmUrl }]) =>
      // Bytes rather than the Response: streaming compilation needs an application/wasm content
      // type, which not every static server sends.
      createPngRenderer(async () => {
        const res = await fetch(wasmUrl);
        if (!res.ok) throw new Error(`the renderer file answered ${res.status}`);
        return res.arrayBuffer();
      }),
    )
    .catch((error: unknown) => {
      renderer = null; // a network blip may be retried
      throw error;
    });
  return renderer;
};

const renderPng = async (svg: string, size: number) => (await loadRenderer())(svg, size);

export const runExport = (icons: readonly ExportIcon[], request: ExportRequest): Promise<ExportedFile> =>
  exportIcons(icons, request, renderPng);

/** The file as a Blob, for a download or a preview. */
export const fileBlob = (file: ExportedFile): Blob =>
  new Blob([file.bytes.slice().buffer], { type: file.contentType });

/** Saves a blob through a temporary link, the portable way to trigger a download. */
export const downloadFile = (file: ExportedFile): void => {
  const url = URL.createObjectURL(fileBlob(file));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the delay only covers slow browsers reading the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
