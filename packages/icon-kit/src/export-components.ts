/**
 * Icons as React (TSX) and Vue single-file components, one per icon or one per set.
 * Browser-safe: the markup is generated from the optimised SVG, no compiler needed.
 *
 * Public API:
 * - `reactComponent(icon, options?, stem?) => { fileName, source }` — `ArcThroughThreePointsIcon.tsx`,
 *   exporting `ArcThroughThreePointsIcon` (named and default). Props: every `<svg>` prop plus
 *   `size` (default 24, sets width and height).
 * - `reactSet(icons, options?) => { fileName: "icons.tsx", source }` — one named component per
 *   icon and `icons`, a record from file stem to component.
 * - `vueComponent(icon, options?, stem?)` — `ArcThroughThreePointsIcon.vue` with a `size` prop.
 * `stem` overrides the file stem from the name (a ZIP passes the stems it made unique).
 * - `vueSet(icons, options?) => { fileName: "Icons.vue", source }` — one component whose `name`
 *   prop (a file stem) picks the icon, plus `size`.
 * The `currentColor` colour mode suits components best: they then follow the text colour. Pass
 * `ids: false` for icons shown more than once on a page, where kept ids would repeat.
 */
import { DOMParser, type Element, XMLSerializer } from "@xmldom/xmldom";
import { componentName, uniqueStems } from "./export-name";
import type { ExportIcon, SvgExportOptions } from "./export-options";
import { exportSvg } from "./export-svg";
import { childElements } from "./svg-parse";

export interface SourceFile {
  readonly fileName: string;
  readonly source: string;
}

interface Prepared {
  readonly stem: string;
  readonly component: string;
  readonly root: Element;
}

function prepare(
  icons: readonly ExportIcon[],
  options: SvgExportOptions,
  stems = uniqueStems(icons.map((icon) => icon.name)),
): Prepared[] {
  return icons.map((icon, i) => {
    const stem = stems[i] ?? "icon";
    const markup = exportSvg(icon, options, stem);
    const root = new DOMParser().parseFromString(markup, "image/svg+xml").documentElement;
    if (!root) throw new Error(`The SVG of "${icon.name}" could not be read back.`);
    return { stem, component: componentName(stem), root };
  });
}

const camel = (name: string): string => name.replace(/[-:]([a-z])/g, (_, c: string) => c.toUpperCase());

function jsxAttribute(name: string, value: string): string {
  if (name === "style") {
    const entries = value
      .split(";")
      .map((d) => d.split(/:(.*)/s).map((part) => part.trim()))
      .filter(([prop, val]) => prop && val)
      .map(
        ([prop = "", val = ""]) =>
          `${JSON.stringify(prop.startsWith("--") ? prop : camel(prop))}: ${JSON.stringify(val)}`,
      );
    return `style={{ ${entries.join(", ")} }}`;
  }
  const key = name === "class" ? "className" : /^(aria|data)-/.test(name) ? name : camel(name);
  return `${key}=${JSON.stringify(value)}`;
}

function jsx(el: Element, indent: string): string {
  const attrs = Array.from(el.attributes)
    .filter((a) => a.name !== "xmlns")
    .map((a) => ` ${jsxAttribute(a.name, a.value)}`)
    .join("");
  const parts: string[] = [];
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 1) parts.push(jsx(node as Element, `${indent}  `));
    else if (node.nodeType === 3 && node.textContent?.trim())
      parts.push(`${indent}  {${JSON.stringify(node.textContent)}}`);
  }
  return parts.length === 0
    ? `${indent}<${el.tagName}${attrs} />`
    : `${indent}<${el.tagName}${attrs}>\n${parts.join("\n")}\n${indent}</${el.tagName}>`;
}

function reactFunction({ component, root }: Prepared): string {
  const body = childElements(root)
    .map((child) => jsx(child, "      "))
    .join("\n");
  const hidden = childElements(root).some((c) => c.localName === "title") ? "" : ' aria-hidden="true"';
  return [
    `export function ${component}({ size = 24, ...props }: IconProps) {`,
    "  return (",
    `    <svg xmlns="http://www.w3.org/2000/svg" viewBox=${JSON.stringify(root.getAttribute("viewBox") ?? "0 0 32 32")} width={size} height={size}${hidden} {...props}>`,
    body,
    "    </svg>",
    "  );",
    "}",
  ].join("\n");
}

const REACT_HEADER = [
  'import type { SVGProps } from "react";',
  "",
  "export type IconProps = SVGProps<SVGSVGElement> & { size?: number | string };",
  "",
].join("\n");

export function reactComponent(icon: ExportIcon, options: SvgExportOptions = {}, stem?: string): SourceFile {
  const [prepared] = prepare([icon], options, stem === undefined ? undefined : [stem]);
  if (!prepared) throw new Error("No icon to export.");
  const source = `${REACT_HEADER}\n${reactFunction(prepared)}\n\nexport default ${prepared.component};\n`;
  return { fileName: `${prepared.component}.tsx`, source };
}

export function reactSet(icons: readonly ExportIcon[], options: SvgExportOptions = {}): SourceFile {
  const prepared = prepare(icons, options);
  const record = prepared.map((p) => `  ${JSON.stringify(p.stem)}: ${p.component},`).join("\n");
  const source = `${REACT_HEADER}\n${prepared.map(reactFunction).join("\n\n")}\n\nexport const icons = {\n${record}\n} as const;\n`;
  return { fileName: "icons.tsx", source };
}

/** The optimised SVG with width/height bound to the `size` prop; Vue templates take SVG as is. */
function vueSvg(p: Prepared, condition: string): string {
  const attrs = Array.from(p.root.attributes)
    .filter((a) => a.name !== "width" && a.name !== "height")
    .map((a) => ` ${a.name}="${a.value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`)
    .join("");
  const serializer = new XMLSerializer();
  const inner = Array.from(p.root.childNodes)
    .map((node) => serializer.serializeToString(node))
    .join("");
  return `  <svg${condition}${attrs} :width="size" :height="size">${inner}</svg>`;
}

const VUE_SCRIPT = (extra: string) =>
  `<script setup lang="ts">\nwithDefaults(defineProps<{ ${extra}size?: number | string }>(), { size: 24 });\n</script>\n`;

export function vueComponent(icon: ExportIcon, options: SvgExportOptions = {}, stem?: string): SourceFile {
  const [prepared] = prepare([icon], options, stem === undefined ? undefined : [stem]);
  if (!prepared) throw new Error("No icon to export.");
  return {
    fileName: `${prepared.component}.vue`,
    source: `<template>\n${vueSvg(prepared, "")}\n</template>\n\n${VUE_SCRIPT("")}`,
  };
}

export function vueSet(icons: readonly ExportIcon[], options: SvgExportOptions = {}): SourceFile {
  const prepared = prepare(icons, options);
  const names = prepared.map((p) => JSON.stringify(p.stem).replace(/"/g, "'")).join(" | ");
  const branches = prepared.map((p, i) =>
    vueSvg(p, ` ${i === 0 ? "v-if" : "v-else-if"}="name === '${p.stem}'"`),
  );
  return {
    fileName: "Icons.vue",
    source: `<template>\n${branches.join("\n")}\n</template>\n\n${VUE_SCRIPT(`name: ${names || "never"}; `)}`,
  };
}
