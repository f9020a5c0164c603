/**
 * What an export is made from and how it is asked for. Browser-safe; shared by the web app and
 * the API so both offer the same formats, sizes and colour modes.
 *
 * Public API:
 * - `EXPORT_FORMATS`, `COLOR_CHOICES`, `PNG_EXPORT_SIZES`, `OPTICAL_MAX_PIXELS`, `MAX_SET_ITEMS`.
 * - `ExportIcon` — one icon to export: its SVG, its name, and its tool and params when known.
 * - `SvgExportOptions` — colours, ids, title and optical size for any SVG-based output.
 * - `ExportInputError` — thrown for a bad option, with a message naming it and how to fix it.
 * - `assertPngSize(size)`, `assertSvgExportOptions(options)`.
 * - `opticalSizeFor(optical, size)` — the size to draw for, or undefined when the optical option
 *   is off or the size is above `OPTICAL_MAX_PIXELS`.
 */
import type { ColorMode, ToolType } from "./design-system";

export const EXPORT_FORMATS = ["svg", "png", "sprite", "react", "vue", "zip"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * `palette`: the fixed colours of the icon's palette. `currentColor`: monochrome, follows the CSS
 * `color` of the surrounding text; grips are hollow (`fill="none"`) so they stay distinct.
 * `css-vars`: every paint is `var(--pp-<role>, <palette colour>)`, see `CSS_VARIABLES`.
 */
export const COLOR_CHOICES = ["palette", "currentColor", "css-vars"] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];

export const PNG_EXPORT_SIZES = [16, 20, 24, 32, 48, 64, 128, 256, 512] as const;
export type PngExportSize = (typeof PNG_EXPORT_SIZES)[number];

/** The optical-size option applies at toolbar sizes only; above this it changes nothing. */
export const OPTICAL_MAX_PIXELS = 24;

/** A set (sprite, component set, ZIP) holds at most this many icons. */
export const MAX_SET_ITEMS = 100;

export interface ExportIcon {
  /** What a person calls it: "arc through three points", "polar array 6". File names come from it. */
  readonly name: string;
  readonly svg: string;
  /** The palette the SVG was drawn in; also the fallback colours of `css-vars`. Default `dark`. */
  readonly colorMode?: ColorMode;
  readonly toolType?: ToolType;
  /** The tool and numbers that drew it, when known; recorded in a ZIP's manifest. */
  readonly tool?: string;
  readonly params?: Readonly<Record<string, number>>;
}

export interface SvgExportOptions {
  /** Default `palette`. */
  readonly colors?: ColorChoice;
  /** Keep the layer ids (prefixed with the file name so several icons can share a page). Default true. */
  readonly ids?: boolean;
  /** A `<title>` with the icon's name, for screen readers. Default true. */
  readonly title?: boolean;
  /**
   * Draw for this many device pixels: at 16–24 px strokes and grips grow (see `applyOpticalSize`).
   * Leave out for the canonical drawing.
   */
  readonly opticalSize?: number;
}

export class ExportInputError extends Error {
  constructor(
    message: string,
    /** The option at fault, e.g. `size`. */
    readonly field: string,
  ) {
    super(message);
    this.name = "ExportInputError";
  }
}

export function assertPngSize(size: number): asserts size is PngExportSize {
  if (!(PNG_EXPORT_SIZES as readonly number[]).includes(size)) {
    throw new ExportInputError(`size must be one of ${PNG_EXPORT_SIZES.join(", ")} (got ${size}).`, "size");
  }
}

export function assertSvgExportOptions(options: SvgExportOptions): void {
  if (options.colors !== undefined && !(COLOR_CHOICES as readonly string[]).includes(options.colors)) {
    throw new ExportInputError(
      `colors must be one of ${COLOR_CHOICES.join(", ")} (got "${options.colors}").`,
      "colors",
    );
  }
  if (options.opticalSize !== undefined) {
    if (!(PNG_EXPORT_SIZES as readonly number[]).includes(options.opticalSize)) {
      throw new ExportInputError(
        `The optical size must be one of ${PNG_EXPORT_SIZES.join(", ")} (got ${options.opticalSize}).`,
        "size",
      );
    }
  }
}

export function opticalSizeFor(optical: boolean | undefined, size: number | undefined): number | undefined {
  return optical && size !== undefined && size <= OPTICAL_MAX_PIXELS ? size : undefined;
}
