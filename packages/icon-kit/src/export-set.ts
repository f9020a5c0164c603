/**
 * Every export format behind one call, for the web app and the API alike. Browser-safe (the PNG
 * renderer is injected).
 *
 * Public API:
 * - `exportIcons(icons, request, renderPng) => Promise<ExportedFile>` — one file to download:
 *   `svg`, `png`, `react`, `vue` for one icon (`react`/`vue` also for a set: one module with every
 *   icon), `sprite` and `zip` for one icon or a set.
 * - `ExportRequest` — format, colours, ids, title, `size` (PNG size; for an SVG with `optical`,
 *   the size it is drawn for), `optical`, and `sizes` (the PNG sizes inside a ZIP). A PNG in
 *   `currentColor` mode is drawn black (no surrounding text colour); `css-vars` uses the fallbacks.
 * - `ZIP_DEFAULT_SIZES`, `ZipManifest` — see `export-zip.ts`.
 */

import { reactComponent, reactSet, vueComponent, vueSet } from "./export-components";
import { fileStem } from "./export-name";
import {
  type ExportFormat,
  type ExportIcon,
  ExportInputError,
  MAX_SET_ITEMS,
  opticalSizeFor,
  type SvgExportOptions,
} from "./export-options";
import { exportSprite } from "./export-sprite";
import { exportSvg, svgForPng } from "./export-svg";
import { exportZip, ZIP_DEFAULT_SIZES } from "./export-zip";

export type { ZipManifest } from "./export-zip";
export { ZIP_DEFAULT_SIZES };

export interface ExportRequest extends Omit<SvgExportOptions, "opticalSize"> {
  readonly format: ExportFormat;
  /** PNG size in pixels (default 24); with `optical`, also the size an SVG or component is drawn for. */
  readonly size?: number;
  /** Draw strokes and grips for `size` when it is 24 px or less (see `applyOpticalSize`). */
  readonly optical?: boolean;
  /** PNG sizes inside a ZIP (default `ZIP_DEFAULT_SIZES`). */
  readonly sizes?: readonly number[];
}

export interface ExportedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export type RenderPng = (svg: string, size: number) => Promise<Uint8Array>;

const encode = (text: string) => new TextEncoder().encode(text);

export async function exportIcons(
  icons: readonly ExportIcon[],
  request: ExportRequest,
  renderPng: RenderPng,
): Promise<ExportedFile> {
  if (icons.length === 0)
    throw new ExportInputError("There are no icons to export: add at least one.", "items");
  if (icons.length > MAX_SET_ITEMS)
    throw new ExportInputError(`A set holds at most ${MAX_SET_ITEMS} icons (got ${icons.length}).`, "items");
  const opticalSize = opticalSizeFor(request.optical, request.size);
  const svgOptions: SvgExportOptions = {
    ...(request.colors !== undefined && { colors: request.colors }),
    ...(request.ids !== undefined && { ids: request.ids }),
    ...(request.title !== undefined && { title: request.title }),
    ...(opticalSize !== undefined && { opticalSize }),
  };
  const [first] = icons;
  const single = icons.length === 1 && first !== undefined;
  const needsSingle = (format: string) => {
    if (!single)
      throw new ExportInputError(
        `format=${format} exports one icon; for a set use format=zip or sprite.`,
        "format",
      );
    return first;
  };
  switch (request.format) {
    case "svg": {
      const icon = needsSingle("svg");
      return {
        fileName: `${fileStem(icon.name)}.svg`,
        contentType: "image/svg+xml",
        bytes: encode(exportSvg(icon, svgOptions)),
      };
    }
    case "png": {
      const icon = needsSingle("png");
      const size = request.size ?? 24;
      const svg = svgForPng(icon, svgOptions);
      return {
        fileName: `${fileStem(icon.name)}-${size}.png`,
        contentType: "image/png",
        bytes: await renderPng(svg, size),
      };
    }
    case "sprite": {
      const sprite = exportSprite(icons, svgOptions);
      const fileName = single ? `${fileStem(first.name)}-sprite.svg` : "sprite.svg";
      return { fileName, contentType: "image/svg+xml", bytes: encode(sprite.svg) };
    }
    case "react": {
      const file = single ? reactComponent(first, svgOptions) : reactSet(icons, svgOptions);
      return { fileName: file.fileName, contentType: "text/plain", bytes: encode(file.source) };
    }
    case "vue": {
      const file = single ? vueComponent(first, svgOptions) : vueSet(icons, svgOptions);
      return { fileName: file.fileName, contentType: "text/plain", bytes: encode(file.source) };
    }
    case "zip": {
      const bytes = await exportZip(
        icons,
        { ...request, sizes: request.sizes ?? ZIP_DEFAULT_SIZES },
        renderPng,
      );
      const fileName = single ? `${fileStem(first.name)}.zip` : "icons.zip";
      return { fileName, contentType: "application/zip", bytes };
    }
    default:
      throw new ExportInputError(`Unknown format "${String(request.format)}".`, "format");
  }
}
