/**
 * Strict XML parsing of untrusted SVG text, shared by the checker and the sanitiser.
 * Pure JavaScript (@xmldom/xmldom), so it runs in Node and in browsers.
 *
 * Public API:
 * - `parseSvgDocument(text, limits?)` — returns the root `<svg>` element or throws `SvgInputError`.
 * - `SvgInputError` — `code` is one of `SvgInputErrorCode`; `message` says what is wrong and how to fix it.
 * - `SVG_LIMITS` — default size and element-count caps.
 * - `childElements(el)`, `SVG_NS`, `XLINK_NS`.
 */
import { DOMParser, type Element, type Node } from "@xmldom/xmldom";

export const SVG_NS = "http://www.w3.org/2000/svg";
export const XLINK_NS = "http://www.w3.org/1999/xlink";

export const SVG_LIMITS = { maxBytes: 256 * 1024, maxElements: 2000 } as const;

export interface SvgLimits {
  maxBytes: number;
  maxElements: number;
}

export type SvgInputErrorCode =
  | "svg_empty"
  | "svg_too_large"
  | "svg_too_many_elements"
  | "svg_doctype"
  | "svg_malformed"
  | "svg_not_svg";

export class SvgInputError extends Error {
  readonly code: SvgInputErrorCode;
  constructor(code: SvgInputErrorCode, message: string) {
    super(message);
    this.name = "SvgInputError";
    this.code = code;
  }
}

// Entity declarations are the vehicle for billion-laughs and external-entity attacks; a plain
// `<!DOCTYPE svg PUBLIC …>` (as Inkscape/Illustrator write) carries neither and is merely dropped.
const INTERNAL_SUBSET = /<!DOCTYPE[^>[]*\[/i;
const ENTITY_DECL = /<!ENTITY/i;

export function parseSvgDocument(text: string, limits: Partial<SvgLimits> = {}): Element {
  const { maxBytes, maxElements } = { ...SVG_LIMITS, ...limits };
  if (typeof text !== "string" || text.trim() === "") {
    throw new SvgInputError("svg_empty", "The SVG is empty: send the text of an <svg> document.");
  }
  // UTF-8 takes at most three bytes per UTF-16 unit: only text that could be over is encoded.
  const bytes = text.length * 3 <= maxBytes ? 0 : new TextEncoder().encode(text).byteLength;
  if (bytes > maxBytes) {
    throw new SvgInputError(
      "svg_too_large",
      `The SVG is ${bytes} bytes; the limit is ${maxBytes} bytes. Simplify or optimise it (e.g. with SVGO) and try again.`,
    );
  }
  if (INTERNAL_SUBSET.test(text) || ENTITY_DECL.test(text)) {
    throw new SvgInputError(
      "svg_doctype",
      "The SVG declares a DOCTYPE internal subset or entities, which are not accepted (entity expansion risk). Remove the <!DOCTYPE …[…]> block.",
    );
  }
  let doc: ReturnType<DOMParser["parseFromString"]>;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new Error(message);
      },
    }).parseFromString(text, "image/svg+xml");
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SvgInputError(
      "svg_malformed",
      `The SVG is not well-formed XML (${cleanParserMessage(detail)}). Fix the markup and try again.`,
    );
  }
  const root = doc.documentElement;
  if (root?.localName !== "svg") {
    throw new SvgInputError(
      "svg_not_svg",
      `The document's root element is <${root?.nodeName ?? "none"}>, not <svg>. Send an SVG document.`,
    );
  }
  if (root.namespaceURI !== null && root.namespaceURI !== SVG_NS) {
    throw new SvgInputError(
      "svg_not_svg",
      `The <svg> root is in namespace "${root.namespaceURI}", not ${SVG_NS}.`,
    );
  }
  const count = root.getElementsByTagName("*").length + 1;
  if (count > maxElements) {
    throw new SvgInputError(
      "svg_too_many_elements",
      `The SVG has ${count} elements; the limit is ${maxElements}. Merge paths or simplify it and try again.`,
    );
  }
  return root;
}

function cleanParserMessage(message: string): string {
  return message.replace(/\s+/g, " ").slice(0, 200);
}

export function childElements(el: Element | Node): Element[] {
  const out: Element[] = [];
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) out.push(child as Element);
  }
  return out;
}
