/**
 * Every tool's builder, by tool id. Browser-safe.
 */
import type { Builder } from "./builder-types";
import { BASIC_BUILDERS } from "./draw-basic";
import { CONSTRUCT_BUILDERS } from "./draw-construct";
import { BOOLEAN_BUILDERS } from "./edit-boolean";
import { CURVE_EDIT_BUILDERS } from "./edit-curves";
import { PATTERN_BUILDERS } from "./edit-pattern";
import { SOLID_BUILDERS } from "./edit-solid";
import { TRANSFORM_BUILDERS } from "./edit-transform";
import { MEASURE_BUILDERS } from "./measure-tools";
import type { ToolId } from "./tool-catalog";
import { VIEW_BUILDERS } from "./view-tools";

export type { Builder, Knob } from "./builder-types";

export const TOOL_BUILDERS: Readonly<Record<ToolId, Builder>> = {
  ...BASIC_BUILDERS,
  ...CONSTRUCT_BUILDERS,
  ...CURVE_EDIT_BUILDERS,
  ...TRANSFORM_BUILDERS,
  ...PATTERN_BUILDERS,
  ...BOOLEAN_BUILDERS,
  ...SOLID_BUILDERS,
  ...MEASURE_BUILDERS,
  ...VIEW_BUILDERS,
};
