import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { strToU8, zipSync } from "fflate";

/** A short file-system-safe name from the prompt, so downloads are recognisable. */
export const iconSlug = (icon: Pick<Icon, "prompt" | "id">): string => {
  const slug = icon.prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || `icon-${icon.id.slice(0, 8)}`;
};

export const variantFileName = (icon: Pick<Icon, "prompt" | "id">, index: number, ext: string): string =>
  `${iconSlug(icon)}-v${index + 1}.${ext}`;

/** Every variant of an icon as a ZIP archive of SVG files. */
export const variantsZip = (icon: Icon): Uint8Array => {
  const files: Record<string, Uint8Array> = {};
  for (const variant of icon.variants)
    files[variantFileName(icon, variant.index, "svg")] = strToU8(variant.svg);
  return zipSync(files, { level: 6 });
};

/** Width and height from a PNG's IHDR chunk (bytes 16–23), used to verify exports. */
export const pngDimensions = (bytes: Uint8Array): { width: number; height: number } => {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error("not a PNG file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

/**
 * The SVG with explicit pixel width and height, so the browser rasterises it at the export size
 * instead of its default 300×150 box before scaling.
 */
export const withPixelSize = (svg: string, size: number): string => {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (root.localName !== "svg" || doc.getElementsByTagName("parsererror").length > 0) {
    throw new Error("This variant's SVG could not be read, so it cannot be exported as PNG.");
  }
  if (!root.hasAttribute("viewBox")) root.setAttribute("viewBox", "0 0 32 32");
  root.setAttribute("width", String(size));
  root.setAttribute("height", String(size));
  return new XMLSerializer().serializeToString(doc);
};
