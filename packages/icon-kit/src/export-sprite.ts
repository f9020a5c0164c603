/**
 * A set of icons as one SVG sprite. Browser-safe.
 *
 * Public API:
 * - `exportSprite(icons, options?) => { svg, ids }` — one `<symbol id="<stem>" viewBox="0 0 32 32">`
 *   per icon, ids from the names (`uniqueStems`), in the order given. Use an icon with
 *   `<svg><use href="sprite.svg#arc-through-three-points"/></svg>`. Ids inside the symbols are
 *   prefixed `<stem>--`, so none repeats and none equals a symbol id.
 */
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { CANVAS } from "./design-system";
import { uniqueStems } from "./export-name";
import type { ExportIcon, SvgExportOptions } from "./export-options";
import { exportSvg } from "./export-svg";
import { childElements, SVG_NS } from "./svg-parse";

export function exportSprite(
  icons: readonly ExportIcon[],
  options: SvgExportOptions = {},
): { svg: string; ids: string[] } {
  const ids = uniqueStems(icons.map((icon) => icon.name));
  const doc = new DOMParser().parseFromString(`<svg xmlns="${SVG_NS}"/>`, "image/svg+xml");
  const sprite = doc.documentElement;
  if (!sprite) throw new Error("Could not create the sprite document.");
  sprite.setAttribute("aria-hidden", "true");
  sprite.setAttribute("style", "display:none");
  icons.forEach((icon, i) => {
    const id = ids[i] ?? "icon";
    const svg = new DOMParser().parseFromString(
      exportSvg(icon, options, id),
      "image/svg+xml",
    ).documentElement;
    const symbol = doc.createElementNS(SVG_NS, "symbol");
    symbol.setAttribute("id", id);
    symbol.setAttribute("viewBox", svg?.getAttribute("viewBox") ?? CANVAS.viewBox);
    for (const child of svg ? childElements(svg) : []) symbol.appendChild(doc.importNode(child, true));
    sprite.appendChild(symbol);
  });
  return { svg: new XMLSerializer().serializeToString(doc), ids };
}
