/**
 * One icon as an optimised SVG string: the base of every other format. Browser-safe (SVGO's
 * browser build, pure-JS XML parser).
 *
 * Public API:
 * - `exportSvg(icon, options?, stem?) => string` — colours, optical size and title applied, then
 *   optimised with SVGO. With `ids` (the default) the layer groups, their stroke attributes and
 *   the grip rects survive, and ids are prefixed with the file stem and `--` (`arc--Primary`): stems
 *   never contain `--`, so ids of different icons cannot collide on one page or in a sprite, and
 *   the design-rule checker still reads them. Without `ids` every id is removed.
 * - `svgForPng(icon, options?)` — what a PNG is rendered from: transformed like `exportSvg`, not
 *   optimised, CSS variables resolved.
 * - `svgForRaster(svg)` — the same drawing with `var(--x, fallback)` resolved to the fallback,
 *   for renderers that do not evaluate CSS variables.
 */
import { DOMParser, type Element, XMLSerializer } from "@xmldom/xmldom";
import { optimize } from "svgo/browser";
import { PALETTES } from "./design-system";
import { fileStem } from "./export-name";
import { assertSvgExportOptions, type ExportIcon, type SvgExportOptions } from "./export-options";
import { applyColors, applyOpticalSize } from "./export-paint";
import { childElements, parseSvgDocument, SVG_NS } from "./svg-parse";

function setTitle(root: Element, name: string | null): void {
  for (const child of childElements(root)) if (child.localName === "title") root.removeChild(child);
  const doc = root.ownerDocument;
  if (name === null || doc === null) return;
  const title = doc.createElementNS(SVG_NS, "title");
  title.appendChild(doc.createTextNode(name));
  root.insertBefore(title, root.firstChild);
}

/** Colours, optical size and title applied; not yet optimised. */
function transformSvg(icon: ExportIcon, options: SvgExportOptions): string {
  assertSvgExportOptions(options);
  const root = parseSvgDocument(icon.svg);
  if (options.opticalSize !== undefined) applyOpticalSize(root, options.opticalSize);
  applyColors(root, options.colors ?? "palette", PALETTES[icon.colorMode ?? "dark"]);
  setTitle(root, options.title === false ? null : icon.name);
  return new XMLSerializer().serializeToString(root);
}

/** What a PNG is rendered from: the same drawing, unoptimised (pixels do not need SVGO), no title. */
export function svgForPng(icon: ExportIcon, options: SvgExportOptions = {}): string {
  return svgForRaster(transformSvg(icon, { ...options, title: false }));
}

export function exportSvg(
  icon: ExportIcon,
  options: SvgExportOptions = {},
  stem = fileStem(icon.name),
): string {
  const keepIds = options.ids !== false;
  const { data } = optimize(transformSvg(icon, options), {
    multipass: true,
    plugins: [
      {
        name: "preset-default",
        params: {
          overrides: {
            // The checker reads layers from <g id="…"> groups and grips from 2×2 <rect>s.
            cleanupIds: keepIds ? false : { remove: true, minify: false, preserve: [] },
            collapseGroups: false,
            moveGroupAttrsToElems: false,
            moveElemsAttrsToGroup: false,
            convertShapeToPath: false,
            mergePaths: false,
          },
        },
      },
      ...(keepIds
        ? [{ name: "prefixIds" as const, params: { prefix: stem, delim: "--", prefixClassNames: false } }]
        : [{ name: "removeAttrs" as const, params: { attrs: "id" } }]),
    ],
  });
  return data;
}

export function svgForRaster(svg: string): string {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    const style = el.getAttribute("style");
    if (style?.includes("var("))
      el.setAttribute("style", style.replace(/var\(\s*--[\w-]+\s*,\s*([^()]+?)\s*\)/g, "$1"));
  }
  return new XMLSerializer().serializeToString(doc);
}
