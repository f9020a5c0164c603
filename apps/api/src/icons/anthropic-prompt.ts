import type Anthropic from "@anthropic-ai/sdk";
import { describeDesignSystem } from "@parametric-portal/icon-kit/design-brief";
import { type ColorMode, TOOL_TYPES } from "@parametric-portal/icon-kit/design-system";
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

export const systemPrompt = (colorMode: ColorMode): string =>
  [
    "You design CAD toolbar icons (Rhino/Grasshopper style) as SVG, following this design system exactly.",
    describeDesignSystem(colorMode),
    `Answer only by calling the ${EMIT_TOOL_NAME} tool; each svg is a complete document, no markdown.`,
  ].join("\n");

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
