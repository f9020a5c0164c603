/**
 * Draws one tool from its parameters: the builder's geometry for a construction, scaled by
 * `size` and oriented by `turn` and `flip`, rendered in a palette. Browser-safe and pure, so the
 * web app redraws live with exactly what the API stored.
 */
import { type ColorMode, paletteFor } from "./design-system";
import type { ParamValues } from "./engine-contract";
import { type IconSpec, orientSpec, renderIconSvg, scaleSpec } from "./icon-spec";
import { TOOL_BUILDERS } from "./tool-builders";
import { TOOL_CONSTRUCTIONS, TOOL_TYPE_OF, type ToolId } from "./tool-catalog";
import { resolveParams } from "./tool-parameters";

/** Index of a construction by name; an unknown or missing name is the first construction. */
export function constructionIndex(tool: ToolId, construction: string | undefined): number {
  const index = construction === undefined ? -1 : TOOL_CONSTRUCTIONS[tool].indexOf(construction);
  return Math.max(index, 0);
}

export interface DrawnIcon {
  readonly svg: string;
  readonly spec: IconSpec;
  readonly params: Record<string, number>;
  readonly construction: string;
}

export function drawTool(
  tool: ToolId,
  values: ParamValues,
  colorMode: ColorMode,
  construction?: string,
): DrawnIcon {
  const params = resolveParams(tool, values);
  const index = constructionIndex(tool, construction);
  const knob = (key: string): number => {
    const value = params[key];
    if (value === undefined) throw new Error(`tool "${tool}" has no parameter "${key}"`);
    return value;
  };
  const built = TOOL_BUILDERS[tool](knob, index);
  const scaled = scaleSpec(built, knob("size") / 24);
  const spec = orientSpec(scaled, Math.round(knob("turn") / 90), knob("flip") === 1);
  return {
    svg: renderIconSvg(spec, TOOL_TYPE_OF[tool], paletteFor(colorMode)),
    spec,
    params,
    construction: TOOL_CONSTRUCTIONS[tool][index] ?? TOOL_CONSTRUCTIONS[tool][0],
  };
}
