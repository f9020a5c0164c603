import { ICON_LIMITS } from "@parametric-portal/contracts/limits";
import type { Attachment } from "./types";

export const MAX_SVG_BYTES = ICON_LIMITS.svgMaxBytes;
export const MAX_ATTACHMENTS = ICON_LIMITS.maxAttachments;

export type UploadCheck = { ok: true; attachment: Attachment } | { ok: false; message: string };

/**
 * Client-side checks before an SVG is attached as a style reference: type, size and that it parses
 * as an `<svg>` document. The server still sanitises; this only gives fast, specific feedback.
 */
export const checkSvgUpload = async (file: File): Promise<UploadCheck> => {
  const looksSvg = file.type === "image/svg+xml" || file.name.toLowerCase().endsWith(".svg");
  if (!looksSvg) {
    return { ok: false, message: `${file.name} is not an SVG file. Choose a .svg file.` };
  }
  if (file.size > MAX_SVG_BYTES) {
    const kib = Math.ceil(file.size / 1024);
    return {
      ok: false,
      message: `${file.name} is ${kib} KiB; references must be ${MAX_SVG_BYTES / 1024} KiB or smaller.`,
    };
  }
  const svg = await file.text();
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  if (doc.getElementsByTagName("parsererror").length > 0 || doc.documentElement.localName !== "svg") {
    return { ok: false, message: `${file.name} could not be read as SVG. Export it again as plain SVG.` };
  }
  return { ok: true, attachment: { name: file.name, svg } };
};

/** Long names are shortened (keeping ".svg") to what the API accepts. */
export const attachmentName = (name: string): string =>
  name.length <= ICON_LIMITS.attachmentNameMaxLength
    ? name
    : `${name.slice(0, ICON_LIMITS.attachmentNameMaxLength - 5)}….svg`;

/** Adds references in order, skipping duplicates (same content) and anything past the limit. */
export const addAttachments = (
  current: readonly Attachment[],
  incoming: readonly Attachment[],
): { attachments: Attachment[]; skipped: string[] } => {
  const attachments = [...current];
  const skipped: string[] = [];
  for (const item of incoming) {
    if (attachments.some((a) => a.svg === item.svg)) skipped.push(`${item.name} is already attached.`);
    else if (attachments.length >= MAX_ATTACHMENTS)
      skipped.push(`${item.name}: at most ${MAX_ATTACHMENTS} references; remove one first.`);
    else attachments.push({ name: attachmentName(item.name), svg: item.svg });
  }
  return { attachments, skipped };
};
