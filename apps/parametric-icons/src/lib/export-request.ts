/**
 * What the export dialog asks icon-kit's `exportIcons` for, and what it exports: pure, so it is
 * tested without a browser. The export itself runs in `export-run.ts`, loaded on demand.
 */
import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { iconExportName } from "@parametric-portal/icon-kit/export-name";
import type {
  ColorChoice,
  ExportFormat,
  ExportIcon,
  PngExportSize,
} from "@parametric-portal/icon-kit/export-options";
import type { ExportRequest } from "@parametric-portal/icon-kit/export-set";
import { TOOL_LABELS, type ToolId } from "@parametric-portal/icon-kit/tool-catalog";

// Plain copies of icon-kit's constants (export-options.ts): importing its values would pull the
// export code into whichever chunk shows the dialog's choices. The unit test pins them equal.
export const FORMATS: readonly ExportFormat[] = ["svg", "png", "sprite", "react", "vue", "zip"];
export const COLORS: readonly ColorChoice[] = ["palette", "currentColor", "css-vars"];
export const SIZES: readonly PngExportSize[] = [16, 20, 24, 32, 48, 64, 128, 256, 512];
export const OPTICAL_MAX = 24;

export const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  svg: "SVG",
  png: "PNG",
  sprite: "Sprite",
  react: "React",
  vue: "Vue",
  zip: "ZIP",
};
export const COLOR_LABELS: Readonly<Record<ColorChoice, string>> = {
  palette: "Palette",
  currentColor: "currentColor",
  "css-vars": "CSS variables",
};

/** SVG and PNG are one file of one icon; a set is exported as a sprite, components or a ZIP. */
export const formatAllowed = (format: ExportFormat, iconCount: number): boolean =>
  iconCount === 1 || (format !== "svg" && format !== "png");

export interface ExportChoices {
  readonly format: ExportFormat;
  readonly colors: ColorChoice;
  readonly ids: boolean;
  readonly title: boolean;
  readonly size: PngExportSize;
  readonly optical: boolean;
}

export const DEFAULT_CHOICES: ExportChoices = {
  format: "svg",
  colors: "palette",
  ids: true,
  title: true,
  size: 24,
  optical: false,
};

/**
 * The request for the dialog's choices. The size is the PNG's (one size in a ZIP) and, with
 * optical on at 16–24 px, the size every SVG-based output is drawn for.
 */
export const exportRequest = (choices: ExportChoices): ExportRequest => ({
  format: choices.format,
  colors: choices.colors,
  ids: choices.ids,
  title: choices.title,
  size: choices.size,
  optical: choices.optical && choices.size <= OPTICAL_MAX,
  ...(choices.format === "zip" && { sizes: [choices.size] }),
});

const isTool = (tool: string | undefined): tool is ToolId => tool !== undefined && tool in TOOL_LABELS;

/**
 * What an icon is called in file names: the user's label, else the prompt that created it (the
 * API's exports name it the same way), else the tool that drew it ("polar array 6"). A refine
 * instruction ("make it larger") never names a file: a refinement without a label is named by its
 * tool, or just "icon".
 */
export const exportName = (icon: Icon, variantIndex: number): string => {
  const label = icon.name?.trim();
  if (label) return label;
  if (icon.intent !== "refine") return icon.prompt;
  const variant = icon.variants[variantIndex];
  return isTool(variant?.tool) ? iconExportName(TOOL_LABELS[variant.tool], variant.params) : "icon";
};

/** One variant as icon-kit's export input, with its tool and numbers for a ZIP's manifest. */
export const exportIconOf = (icon: Icon, variantIndex: number): ExportIcon => {
  const variant = icon.variants[variantIndex];
  if (!variant) throw new Error(`The icon has no variant ${variantIndex + 1}; open it again and retry.`);
  return {
    name: exportName(icon, variantIndex),
    svg: variant.svg,
    colorMode: icon.colorMode,
    toolType: variant.toolType,
    ...(variant.tool !== undefined && { tool: variant.tool }),
    ...(variant.params !== undefined && { params: variant.params }),
  };
};
