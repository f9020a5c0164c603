import { ICON_LIMITS } from "@parametric-portal/contracts/limits";
import type { RemovedItem, RemovedKind } from "@parametric-portal/icon-kit/sanitize";
import type { Attachment } from "./types";

export const MAX_SVG_BYTES = ICON_LIMITS.svgMaxBytes;
export const MAX_ATTACHMENTS = ICON_LIMITS.maxAttachments;

export type UploadCheck =
  | {
      ok: true;
      /** The sanitised SVG: what the user sees on the chip is what the server will use. */
      attachment: Attachment;
      /** What the sanitiser removed, in words ("script and 2 event handlers"), or null. */
      removed: string | null;
    }
  | { ok: false; message: string };

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// Each kind in words; elements are named, the rest counted.
const KIND_WORDS: Record<Exclude<RemovedKind, "element">, (n: number) => string> = {
  "event-handler": (n) => count(n, "event handler"),
  attribute: (n) => count(n, "other attribute"),
  "unsafe-value": (n) => count(n, "unsafe link or value", "unsafe links or values"),
  "style-declaration": (n) => count(n, "style declaration"),
  text: () => "loose text",
  doctype: () => "the DOCTYPE",
  "processing-instruction": (n) => count(n, "processing instruction"),
};

const listWords = (parts: readonly string[]): string =>
  parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;

/**
 * The sanitiser's removals in a short phrase, e.g. "script and 2 event handlers"; null when
 * nothing was removed. Built from each item's kind and name, never from its description text.
 */
export const describeRemoved = (removed: readonly RemovedItem[]): string | null => {
  if (removed.length === 0) return null;
  const elements = new Map<string, number>();
  const kinds = new Map<Exclude<RemovedKind, "element">, number>();
  for (const item of removed) {
    if (item.kind === "element") elements.set(item.name, (elements.get(item.name) ?? 0) + 1);
    else kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
  }
  return listWords([
    ...[...elements].map(([name, n]) => (n === 1 ? name : `${n} ${name} elements`)),
    ...[...kinds].map(([kind, n]) => KIND_WORDS[kind](n)),
  ]);
};

/**
 * Client-side checks before an SVG is attached as a style reference: type, size, and that icon-kit's
 * sanitiser (the same one the server runs) leaves something to draw. What it removes is reported,
 * so a reference never loses parts silently.
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
  const text = await file.text();
  // Loaded on the first upload: most sessions never attach a file.
  const { sanitizeSvg } = await import("@parametric-portal/icon-kit/sanitize");
  const { SvgInputError } = await import("@parametric-portal/icon-kit/svg-parse");
  let result: ReturnType<typeof sanitizeSvg>;
  try {
    result = sanitizeSvg(text, { maxBytes: MAX_SVG_BYTES });
  } catch (error) {
    if (!(error instanceof SvgInputError)) throw error;
    const unreadable = error.code === "svg_malformed" || error.code === "svg_not_svg";
    return {
      ok: false,
      message: unreadable
        ? `${file.name} could not be read as SVG. Export it again as plain SVG.`
        : `${file.name}: ${error.message}`,
    };
  }
  const removed = describeRemoved(result.removed);
  if (result.shapes === 0) {
    return {
      ok: false,
      message: removed
        ? `${file.name} has nothing left to draw once ${removed} ${result.removed.length === 1 ? "is" : "are"} removed, so it cannot be a style reference. Choose an SVG drawn with paths or shapes.`
        : `${file.name} draws nothing (no paths or shapes), so it cannot be a style reference.`,
    };
  }
  return { ok: true, attachment: { name: file.name, svg: result.svg }, removed };
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
