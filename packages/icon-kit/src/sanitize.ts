/**
 * Strict allowlist SVG sanitiser for every SVG entering the system (model output, uploads,
 * references). Pure JavaScript (@xmldom/xmldom): runs server-side, and in browsers if wanted.
 *
 * Public API:
 * - `sanitizeSvg(input, options?) => { svg, removed, shapes }` — rebuilds the document from the
 *   allowed drawing elements and attributes only (see sanitize-policy.ts), lists everything dropped
 *   (each with a `kind` and `name`, so callers summarise it without reading text) and counts the
 *   shapes left, so a caller can refuse an SVG that no longer draws anything.
 *   Throws `SvgInputError` (from ./svg-parse) with a stable `code` for input that cannot be
 *   accepted at all: empty, over `maxBytes` (default 256 KiB) or `maxElements` (default 2,000),
 *   DOCTYPE internal subsets / entity declarations, malformed XML, or a root that is not `<svg>`.
 * - `options.idPrefix` — when given, every id becomes `<prefix>-<id>` and every `#id` reference
 *   (href, url(#id)) follows, so several variants can share one HTML page.
 *
 * Why a rebuild rather than deleting bad parts: only what we write ourselves reaches the output,
 * with attribute values re-escaped, so parser quirks in the input cannot survive serialisation.
 */
import type { Element, Node } from "@xmldom/xmldom";
import { ALLOWED_ELEMENTS, attributeAllowed, cleanStyle, cleanValue } from "./sanitize-policy";
import { parseSvgDocument, SVG_NS, type SvgLimits, XLINK_NS } from "./svg-parse";

export interface SanitizeOptions extends Partial<SvgLimits> {
  idPrefix?: string;
}

/**
 * What kind of thing was dropped, so callers can summarise a removal ("script and 2 event
 * handlers removed") from values rather than by reading `what`.
 */
export type RemovedKind =
  | "element"
  | "event-handler"
  | "attribute"
  | "unsafe-value"
  | "style-declaration"
  | "text"
  | "doctype"
  | "processing-instruction";

export interface RemovedItem {
  kind: RemovedKind;
  /** The element, attribute, style property or instruction name, e.g. `script`, `onload`. */
  name: string;
  /** What was removed, e.g. `<script>`, `onload on <svg>`, `style declaration "behavior"`. */
  what: string;
  reason: string;
}

export interface SanitizeResult {
  svg: string;
  removed: RemovedItem[];
  /** Shapes the output draws (outside `<defs>`, `<use>` included); 0 means it draws nothing. */
  shapes: number;
}

interface OutElement {
  name: string;
  attrs: [string, string][];
  children: OutElement[];
  text: string;
}

const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const TEXT_ELEMENTS = new Set(["title", "desc"]);

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function attr(out: OutElement, name: string): string | undefined {
  return out.attrs.find(([n]) => n === name)?.[1];
}

export function sanitizeSvg(input: string, options: SanitizeOptions = {}): SanitizeResult {
  const { idPrefix } = options;
  if (idPrefix !== undefined && !/^[A-Za-z][\w-]{0,63}$/.test(idPrefix)) {
    throw new TypeError('idPrefix must start with a letter and contain only letters, digits, "_" or "-".');
  }
  const root = parseSvgDocument(input, options);
  const rootNs = root.namespaceURI;
  const removed: RemovedItem[] = [];
  const renameId = (id: string) => (idPrefix ? `${idPrefix}-${id}` : id);
  const drop = (kind: RemovedKind, name: string, what: string, reason: string) =>
    removed.push({ kind, name, what, reason });

  const doc = root.ownerDocument;
  if (doc?.doctype) drop("doctype", "DOCTYPE", "<!DOCTYPE>", "document type declarations are not kept");
  for (let n: Node | null = doc?.firstChild ?? null; n; n = n.nextSibling) {
    if (n.nodeType === n.PROCESSING_INSTRUCTION_NODE && n.nodeName !== "xml") {
      drop(
        "processing-instruction",
        n.nodeName,
        `<?${n.nodeName}?>`,
        "processing instructions are not allowed",
      );
    }
  }

  const visit = (el: Element): OutElement | null => {
    const name = el.localName ?? el.nodeName;
    if (el.namespaceURI !== rootNs || !ALLOWED_ELEMENTS.has(name)) {
      drop("element", name, `<${el.nodeName}>`, "element not allowed (only drawing elements are kept)");
      return null;
    }
    const out: OutElement = { name, attrs: [], children: [], text: "" };
    for (const a of Array.from(el.attributes)) {
      if (a.namespaceURI === XMLNS_NS || a.name === "xmlns") continue;
      const local = a.namespaceURI === XLINK_NS ? a.localName : a.namespaceURI ? null : a.name;
      if (!local || !attributeAllowed(name, local)) {
        const handler = /^on/i.test(local ?? a.localName ?? a.name);
        drop(
          handler ? "event-handler" : "attribute",
          a.name,
          `${a.name} on <${name}>`,
          "attribute not allowed",
        );
        continue;
      }
      if (local === "style") {
        const { style, dropped } = cleanStyle(a.value, renameId);
        for (const property of dropped)
          drop(
            "style-declaration",
            property,
            `style declaration "${property}" on <${name}>`,
            "unsafe or not a presentation property",
          );
        if (style) out.attrs.push(["style", style]);
        continue;
      }
      const value = cleanValue(local, a.value, renameId);
      if (value === null)
        drop(
          "unsafe-value",
          a.name,
          `${a.name} on <${name}>`,
          "unsafe value (only same-document #references and plain values are kept)",
        );
      else if (attr(out, local) === undefined) out.attrs.push([local, value]);
    }
    for (let child: Node | null = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === child.ELEMENT_NODE) {
        const kept = visit(child as Element);
        if (kept) out.children.push(kept);
      } else if (child.nodeType === child.TEXT_NODE || child.nodeType === child.CDATA_SECTION_NODE) {
        if (TEXT_ELEMENTS.has(name)) out.text += xmlText(child.nodeValue ?? "");
        else if ((child.nodeValue ?? "").trim())
          drop("text", name, `text in <${name}>`, "text is only kept in <title> and <desc>");
      } else if (child.nodeType === child.PROCESSING_INSTRUCTION_NODE) {
        drop(
          "processing-instruction",
          child.nodeName,
          `<?${child.nodeName}?>`,
          "processing instructions are not allowed",
        );
      }
    }
    return out;
  };
  const tree = visit(root);
  if (!tree) throw new Error("unreachable: parseSvgDocument guarantees an <svg> root");
  dropUnsafeUses(tree, removed);
  return { svg: serialise(tree, true), removed, shapes: countShapes(tree) };
}

const SHAPES = new Set(["path", "line", "polyline", "polygon", "rect", "circle", "ellipse", "use"]);

function countShapes(el: OutElement): number {
  // Shapes in <defs> or a <clipPath> are drawn only through something else.
  if (el.name === "defs" || el.name === "clipPath") return 0;
  return (SHAPES.has(el.name) ? 1 : 0) + el.children.reduce((sum, c) => sum + countShapes(c), 0);
}

function contains(el: OutElement, test: (e: OutElement) => boolean): boolean {
  return test(el) || el.children.some((c) => contains(c, test));
}

/**
 * `<use>` may only point at an element in this document that holds no `<use>` itself: chains of
 * uses multiply (the SVG version of billion laughs) and a use inside its own target recurses.
 */
function dropUnsafeUses(tree: OutElement, removed: RemovedItem[]): void {
  const byId = new Map<string, OutElement>();
  const index = (el: OutElement) => {
    const id = attr(el, "id");
    if (id !== undefined && !byId.has(id)) byId.set(id, el);
    el.children.forEach(index);
  };
  index(tree);
  const prune = (el: OutElement) => {
    el.children = el.children.filter((child) => {
      if (child.name !== "use") return true;
      const target = byId.get((attr(child, "href") ?? "").slice(1));
      const ok = target !== undefined && !contains(target, (e) => e.name === "use");
      if (!ok)
        removed.push({
          kind: "element",
          name: "use",
          what: "<use>",
          reason: "reference to a missing element or to one containing <use>",
        });
      return ok;
    });
    el.children.forEach(prune);
  };
  prune(tree);
}

// XML 1.0 text may not hold C0 controls (but tab, LF, CR), U+FFFE/U+FFFF or lone surrogates:
// kept, they make the output unparsable, and PostgreSQL refuses NUL in jsonb.
const isXmlChar = (code: number): boolean =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);

function xmlText(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    // A lone surrogate comes out of the iterator as one unit in the surrogate range.
    if (isXmlChar(code) && !(code >= 0xd800 && code <= 0xdfff)) out += char;
  }
  return out;
}

function serialise(el: OutElement, isRoot = false): string {
  const list: [string, string][] = isRoot ? [["xmlns", SVG_NS], ...el.attrs] : el.attrs;
  const attrs = list.map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join("");
  const inner = el.text ? escapeXml(el.text) : el.children.map((c) => serialise(c)).join("");
  return inner ? `<${el.name}${attrs}>${inner}</${el.name}>` : `<${el.name}${attrs}/>`;
}
