/**
 * The icon design system as data (docs/design-system.md#layers). Browser-safe: no Node modules.
 *
 * Public API:
 * - `CANVAS` — viewBox, size, safe area and centre of every icon.
 * - `LAYER_ORDER`, `LAYER_STYLES`, `GRIP` — layers back to front and how each one is stroked.
 * - `TOOL_TYPES`, `TOOL_TYPE_LAYERS` — which layers each tool type must have (and no others).
 * - `PALETTES`, `paletteFor(mode)` — the `dark` and `light` colour palettes.
 * - `layersForToolType(toolType)` — the required layers of a tool type, back to front.
 */

export const CANVAS = {
  viewBox: "0 0 32 32",
  size: 32,
  safeMin: 4,
  safeMax: 28,
  centre: { x: 16, y: 16 },
} as const;

export type LayerName = "Guide" | "Context" | "Primary" | "Grips";

/** Back to front: later layers are painted over earlier ones. */
export const LAYER_ORDER: readonly LayerName[] = ["Guide", "Context", "Primary", "Grips"];

export interface LayerStyle {
  readonly strokeWidth: number;
  /** Present only where the layer must be dashed. */
  readonly dashArray?: readonly number[];
  /** Present only where the layer requires round caps and joins. */
  readonly round?: boolean;
}

export const LAYER_STYLES: Readonly<Record<LayerName, LayerStyle>> = {
  Guide: { strokeWidth: 0.25, dashArray: [2, 1] },
  Context: { strokeWidth: 0.5 },
  Primary: { strokeWidth: 1, round: true },
  Grips: { strokeWidth: 0.5 },
};

/** Grips are 2×2 squares centred on the input point. */
export const GRIP = { size: 2, half: 1, strokeWidth: 0.5 } as const;

export const TOOL_TYPES = ["DRAWING", "ANALYSIS", "MODIFICATION"] as const;
export type ToolType = (typeof TOOL_TYPES)[number];

export const TOOL_TYPE_LAYERS: Readonly<Record<ToolType, readonly LayerName[]>> = {
  DRAWING: ["Guide", "Primary", "Grips"],
  ANALYSIS: ["Context", "Grips"],
  MODIFICATION: ["Context", "Primary", "Grips"],
};

export function layersForToolType(toolType: ToolType): readonly LayerName[] {
  return TOOL_TYPE_LAYERS[toolType];
}

export const COLOR_MODES = ["dark", "light"] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

export interface Palette {
  /** The background the icon is designed to sit on (not drawn into the SVG). */
  readonly background: string;
  readonly guide: string;
  readonly context: string;
  readonly primary: string;
  readonly gripFill: string;
  readonly gripStroke: string;
}

/**
 * Non-text graphics need at least 3:1 against their background (WCAG 2.1 SC 1.4.11); the
 * tests hold every stroke colour to that. Grips keep the white fill the design system asks
 * for in both modes, so on the light background the dark grip stroke carries the contrast.
 */
export const PALETTES: Readonly<Record<ColorMode, Palette>> = {
  dark: {
    background: "#1c1c1f",
    guide: "#8e8e96",
    context: "#b4b4bc",
    primary: "#5cc8ff",
    gripFill: "#ffffff",
    gripStroke: "#0b0b0d",
  },
  light: {
    background: "#ffffff",
    guide: "#74747c",
    context: "#52525a",
    primary: "#1750c8",
    gripFill: "#ffffff",
    gripStroke: "#2a2a30",
  },
};

export function paletteFor(mode: ColorMode): Palette {
  return PALETTES[mode];
}
