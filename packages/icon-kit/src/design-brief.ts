/**
 * The design system written out as instructions, for a model prompt (the Anthropic engine) or
 * for help text. Built from the constants in design-system.ts so the two cannot drift. Browser-safe.
 *
 * Public API:
 * - `describeDesignSystem(colorMode) => string` — the rules, with the palette of `colorMode`.
 */
import {
  CANVAS,
  type ColorMode,
  GRIP,
  LAYER_ORDER,
  LAYER_STYLES,
  paletteFor,
  TOOL_TYPE_LAYERS,
  TOOL_TYPES,
} from "./design-system";

export function describeDesignSystem(colorMode: ColorMode): string {
  const p = paletteFor(colorMode);
  const colour: Record<string, string> = {
    Guide: `stroke ${p.guide}`,
    Context: `stroke ${p.context}`,
    Primary: `stroke ${p.primary}`,
    Grips: `fill ${p.gripFill}, stroke ${p.gripStroke}`,
  };
  const layers = LAYER_ORDER.map((name) => {
    const s = LAYER_STYLES[name];
    const extra = [
      s.dashArray ? `stroke-dasharray="${s.dashArray.join(" ")}"` : "",
      s.round ? 'stroke-linecap="round" stroke-linejoin="round"' : "",
      name === "Grips" ? "" : 'fill="none"',
    ]
      .filter(Boolean)
      .join(" ");
    return `- <g id="${name}">: stroke-width ${s.strokeWidth}${extra ? ` ${extra}` : ""}; ${colour[name]}.`;
  });
  const types = TOOL_TYPES.map((t) => `- ${t}: ${TOOL_TYPE_LAYERS[t].join(" + ")}`);
  return [
    `Canvas: <svg xmlns="http://www.w3.org/2000/svg" viewBox="${CANVAS.viewBox}">. All geometry inside the safe area x, y in [${CANVAS.safeMin}, ${CANVAS.safeMax}]; centre (${CANVAS.centre.x}, ${CANVAS.centre.y}).`,
    `Layers, back to front, each a top-level group (${colorMode} palette, drawn for a ${p.background} background):`,
    ...layers,
    "Guide holds dashed construction lines (axes, baselines, symmetry); Context the source geometry being analysed or modified; Primary the geometry the tool produces; Grips the user input points only.",
    "Tool types decide the layers (exactly these, no others):",
    ...types,
    `Grips are <rect x="X-${GRIP.half}" y="Y-${GRIP.half}" width="${GRIP.size}" height="${GRIP.size}"/> squares centred ON visible geometry (a Guide, Context or Primary curve passes through the centre).`,
    "Curves pass through their grips: a three-point arc is two quadratic segments joined at the apex, e.g. M 4,28 Q 4,4 16,4 Q 28,4 28,28 with grips at (4,28), (16,4), (28,28).",
    "Only drawing elements (g, path, line, polyline, polygon, rect, circle, ellipse, title); no scripts, styles, images, text, links or external references.",
  ].join("\n");
}
