/**
 * A set of icons as a ZIP with a manifest. Browser-safe (fflate; the PNG renderer is injected).
 *
 * Public API:
 * - `exportZip(icons, request, renderPng) => Promise<Uint8Array>` — per icon `svg/<stem>.svg`,
 *   `png/<stem>-<size>.png` for every size, `react/<Component>.tsx`, `vue/<Component>.vue`; for the
 *   set `sprite.svg`, `react/icons.tsx`, `vue/Icons.vue`; and `manifest.json` (a `ZipManifest`)
 *   listing every other file. PNGs at 24 px or less are drawn optically when `optical` is set.
 * - `ZIP_DEFAULT_SIZES` — the PNG sizes when none are asked for: toolbar sizes and two larger.
 */
import { strToU8, zipSync } from "fflate";
import { reactComponent, reactSet, vueComponent, vueSet } from "./export-components";
import { uniqueStems } from "./export-name";
import {
  assertPngSize,
  type ColorChoice,
  type ExportIcon,
  opticalSizeFor,
  type SvgExportOptions,
} from "./export-options";
import { exportSprite } from "./export-sprite";
import { exportSvg, svgForPng } from "./export-svg";

export const ZIP_DEFAULT_SIZES = [16, 20, 24, 32, 64] as const;

export interface ZipManifestIcon {
  readonly name: string;
  readonly tool?: string;
  readonly toolType?: string;
  readonly params?: Readonly<Record<string, number>>;
  readonly files: {
    readonly svg: string;
    readonly png: Readonly<Record<string, string>>;
    readonly react: string;
    readonly vue: string;
  };
}

export interface ZipManifest {
  readonly generator: "Parametric Portal";
  readonly formats: readonly string[];
  readonly sizes: readonly number[];
  readonly colors: ColorChoice;
  readonly ids: boolean;
  readonly title: boolean;
  readonly optical: boolean;
  readonly icons: readonly ZipManifestIcon[];
  /** Every file in the archive except manifest.json. */
  readonly files: readonly string[];
}

export interface ZipRequest extends Omit<SvgExportOptions, "opticalSize"> {
  readonly sizes: readonly number[];
  readonly optical?: boolean;
}

export async function exportZip(
  icons: readonly ExportIcon[],
  request: ZipRequest,
  renderPng: (svg: string, size: number) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const sizes = [...new Set(request.sizes)].sort((a, b) => a - b);
  for (const size of sizes) assertPngSize(size);
  const options: SvgExportOptions = {
    colors: request.colors ?? "palette",
    ids: request.ids ?? true,
    title: request.title ?? true,
  };
  const stems = uniqueStems(icons.map((icon) => icon.name));
  const files: Record<string, Uint8Array> = {};
  const entries: ZipManifestIcon[] = [];
  for (const [i, icon] of icons.entries()) {
    // Rendering is synchronous work: give the event loop a turn per icon so a large set does not
    // hold up other requests (API) or input (browser).
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const stem = stems[i] ?? "icon";
    const svgFile = `svg/${stem}.svg`;
    files[svgFile] = strToU8(exportSvg(icon, options, stem));
    const png: Record<string, string> = {};
    for (const size of sizes) {
      const opticalSize = opticalSizeFor(request.optical, size);
      const svg = svgForPng(icon, { ...options, ...(opticalSize && { opticalSize }) });
      const pngFile = `png/${stem}-${size}.png`;
      png[String(size)] = pngFile;
      files[pngFile] = await renderPng(svg, size);
    }
    const react = reactComponent(icon, options, stem);
    const vue = vueComponent(icon, options, stem);
    files[`react/${react.fileName}`] = strToU8(react.source);
    files[`vue/${vue.fileName}`] = strToU8(vue.source);
    entries.push({
      name: icon.name,
      ...(icon.tool !== undefined && { tool: icon.tool }),
      ...(icon.toolType !== undefined && { toolType: icon.toolType }),
      ...(icon.params !== undefined && { params: icon.params }),
      files: { svg: svgFile, png, react: `react/${react.fileName}`, vue: `vue/${vue.fileName}` },
    });
  }
  // The set files derive the same unique stems from the same names.
  files["sprite.svg"] = strToU8(exportSprite(icons, options).svg);
  const reactAll = reactSet(icons, options);
  const vueAll = vueSet(icons, options);
  files[`react/${reactAll.fileName}`] = strToU8(reactAll.source);
  files[`vue/${vueAll.fileName}`] = strToU8(vueAll.source);
  const manifest: ZipManifest = {
    generator: "Parametric Portal",
    formats: ["svg", "png", "sprite", "react", "vue"],
    sizes,
    colors: options.colors ?? "palette",
    ids: options.ids ?? true,
    title: options.title ?? true,
    optical: request.optical ?? false,
    icons: entries,
    files: Object.keys(files).sort(),
  };
  files["manifest.json"] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  return zipSync(files, { level: 6 });
}
