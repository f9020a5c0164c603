import type Anthropic from "@anthropic-ai/sdk";
import {
  CANVAS,
  type ColorMode,
  GRIP,
  LAYER_ORDER,
  LAYER_STYLES,
  paletteFor,
  TOOL_TYPE_LAYERS,
  TOOL_TYPES,
} from "@parametric-portal/icon-kit/design-system";
import type { GenerationInput } from "./generation-input";

/**
 * What the model is told. The design rules are rendered from icon-kit's design-system data so
 * the prompt, the local engine and the checker can never disagree.
 */

export const EMIT_TOOL_NAME = "emit_icon_variants";

export const emitTool = (variantCount: number): Anthropic.Tool => ({
  name: EMIT_TOOL_NAME,
  description: `Return exactly ${variantCount} distinct SVG icon variant(s) that follow the design system.`,
  input_schema: {
    type: "object",
    properties: {
      variants: {
        type: "array",
        minItems: 1,
        maxItems: variantCount,
        items: {
          type: "object",
          properties: {
            svg: { type: "string", description: "A complete <svg> document, no prose, no markdown." },
            toolType: { type: "string", enum: [...TOOL_TYPES] },
            rationale: { type: "string", description: "One sentence: what the icon shows and why." },
          },
          required: ["svg", "toolType", "rationale"],
          additionalProperties: false,
        },
      },
    },
    required: ["variants"],
    additionalProperties: false,
  },
});

const layerLine = (name: (typeof LAYER_ORDER)[number], colorMode: ColorMode): string => {
  const style = LAYER_STYLES[name];
  const palette = paletteFor(colorMode);
  const colour = {
    Guide: `stroke ${palette.guide}`,
    Context: `stroke ${palette.context}`,
    Primary: `stroke ${palette.primary}`,
    Grips: `fill ${palette.gripFill}, stroke ${palette.gripStroke}`,
  }[name];
  const extras = [
    style.dashArray ? `stroke-dasharray "${style.dashArray.join(" ")}"` : null,
    style.round ? 'stroke-linecap="round" stroke-linejoin="round"' : null,
  ].filter(Boolean);
  return `- <g id="${name}">: stroke-width ${style.strokeWidth}; ${colour}${extras.length ? `; ${extras.join("; ")}` : ""}; fill none unless stated.`;
};

export const systemPrompt = (colorMode: ColorMode): string => {
  const safe = `${CANVAS.safeMin}..${CANVAS.safeMax}`;
  return [
    "You design CAD toolbar icons (Rhino/Grasshopper style) as SVG, following this design system exactly.",
    `Canvas: <svg xmlns="http://www.w3.org/2000/svg" viewBox="${CANVAS.viewBox}" width="${CANVAS.size}" height="${CANVAS.size}">.`,
    `All geometry inside the safe area: x and y within ${safe}; the centre is (${CANVAS.centre.x}, ${CANVAS.centre.y}).`,
    `Layers, back to front, each a <g> with exactly this id (${LAYER_ORDER.join(", ")}); palette "${colorMode}":`,
    ...LAYER_ORDER.map((name) => layerLine(name, colorMode)),
    `Grips mark user input points only: ${GRIP.size}x${GRIP.size} squares <rect x="X-${GRIP.half}" y="Y-${GRIP.half}" width="${GRIP.size}" height="${GRIP.size}"> centred ON the visible geometry, stroke-width ${GRIP.strokeWidth}.`,
    "Curves pass through their grips (a three-point arc is two quadratic segments joined at the apex).",
    "Tool types decide the layers (no others):",
    ...TOOL_TYPES.map((type) => `- ${type}: ${TOOL_TYPE_LAYERS[type].join(" + ")}`),
    "Use only drawing elements (g, path, line, polyline, polygon, rect, circle, ellipse). No text, scripts, images, links, styles sheets or external references.",
    `Answer only by calling the ${EMIT_TOOL_NAME} tool.`,
  ].join("\n");
};

export const userMessage = (input: GenerationInput): Anthropic.MessageParam => {
  const parts: string[] = [
    input.intent === "refine"
      ? `Refine the reference icon below according to these instructions: ${input.prompt}`
      : `Create icons for this CAD tool: ${input.prompt}`,
    `Return ${input.variantCount} distinct variant(s).`,
  ];
  if (input.referenceSvg !== undefined) {
    parts.push(`Reference icon to refine (sanitised SVG):\n<reference>\n${input.referenceSvg}\n</reference>`);
  }
  for (const [i, attachment] of input.attachments.entries()) {
    parts.push(
      `Style reference ${i + 1} ("${attachment.name.replace(/["\n]/g, " ")}"), match its style, not its subject:\n<style-reference>\n${attachment.svg}\n</style-reference>`,
    );
  }
  return { role: "user", content: parts.join("\n\n") };
};
