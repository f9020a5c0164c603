/** Icons for the export tests, drawn by the local engine in both palettes. */
import type { ExportIcon } from "@parametric-portal/icon-kit/export-options";
import { generateLocalIcons } from "@parametric-portal/icon-kit/local-engine";

const PROMPTS = ["arc through three points", "polar array 6", "offset curve", "fillet", "measure distance"];

export function testIcons(): ExportIcon[] {
  return PROMPTS.flatMap((prompt, i) => {
    const colorMode = i % 2 === 0 ? "dark" : "light";
    const outcome = generateLocalIcons({ prompt, variantCount: 1, colorMode, intent: "create" });
    const variant = outcome.status === "ok" ? outcome.variants[0] : undefined;
    if (!variant) throw new Error(`The local engine drew nothing for "${prompt}" (${outcome.status}).`);
    const { svg, toolType, tool, params } = variant;
    return [{ name: prompt, svg, colorMode, toolType, tool, params }];
  });
}
