/** The shape of a tool builder. Browser-safe types only. */
import type { IconSpec } from "./icon-spec";

/** A parameter's resolved value by key. */
export type Knob = (key: string) => number;
/**
 * Draws a tool for construction 0, 1 or 2 (see TOOL_CONSTRUCTIONS), filling the safe area; the
 * `size` parameter scales the result afterwards.
 */
export type Builder = (knob: Knob, construction: number) => IconSpec;
