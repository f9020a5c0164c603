import { withPixelSize } from "./export-files";

/**
 * Rasterises an (already sanitised) SVG to a square PNG. The SVG is loaded as an `<img>` from a Blob
 * URL, where scripts never run, then drawn onto a canvas.
 */
export const svgToPng = async (svg: string, size: number): Promise<Blob> => {
  const url = URL.createObjectURL(new Blob([withPixelSize(svg, size)], { type: "image/svg+xml" }));
  try {
    const img = new Image(size, size);
    img.decoding = "async";
    img.src = url;
    await img.decode().catch(() => {
      throw new Error("This icon could not be drawn as a PNG. Download the SVG instead.");
    });
    const canvas = document.createElement("canvas");
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("This browser cannot draw to a canvas, so PNG export is unavailable.");
    ctx.drawImage(img, 0, 0, size, size);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) =>
          blob
            ? resolve(blob)
            : reject(new Error("PNG encoding failed. Try a smaller size, or download the SVG.")),
        "image/png",
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
};

/** Saves a blob through a temporary link, the portable way to trigger a download. */
export const downloadBlob = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
