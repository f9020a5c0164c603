/**
 * Every tool's builder: `(knob, construction) => IconSpec`, geometry in canvas units filling the
 * safe area (the `size` parameter scales it afterwards). Browser-safe.
 */
import type { IconSpec } from "./icon-spec";
import type { ToolId } from "./tool-catalog";
import { ANALYSIS_BUILDERS } from "./tools-analysis";
import { DRAWING_BUILDERS } from "./tools-drawing";
import { EDIT_BUILDERS } from "./tools-edit";
import { SOLID_BUILDERS } from "./tools-solid";
import { TRANSFORM_BUILDERS } from "./tools-transform";

/** A parameter's resolved value by key. */
export type Knob = (key: string) => number;
/** Draws a tool for construction 0, 1 or 2 (see TOOL_CONSTRUCTIONS). */
export type Builder = (knob: Knob, construction: number) => IconSpec;

export const TOOL_BUILDERS: Readonly<Record<ToolId, Builder>> = {
  ...DRAWING_BUILDERS,
  ...EDIT_BUILDERS,
  ...TRANSFORM_BUILDERS,
  ...SOLID_BUILDERS,
  ...ANALYSIS_BUILDERS,
};
