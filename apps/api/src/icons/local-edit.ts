import type { ParamChange } from "@parametric-portal/contracts/icons";
import type { LocalReference, ParamValues } from "@parametric-portal/icon-kit/engine-contract";
import { drawLocalIcon } from "@parametric-portal/icon-kit/local-engine";
import { failed, refineRefused } from "./generation-failure";
import type { EngineOutput, GenerationInput } from "./generation-input";

/**
 * A Save from the web app's live controls: exact values over the parent variant's parameters,
 * drawn by the same `drawLocalIcon` the browser used for the preview, so what is stored is what
 * the user saw. The prompt only describes the change ("sides 8"); the numbers come from `params`.
 */
export const drawEdit = (
  input: GenerationInput & { readonly reference: LocalReference; readonly params: ParamValues },
): EngineOutput => {
  const { reference, params } = input;
  const changes: ParamChange[] = Object.entries(params).flatMap(([key, to]) => {
    const from = reference.params[key];
    return from === to ? [] : [{ key, from: from ?? to, to }];
  });
  if (changes.length === 0) {
    throw failed(
      refineRefused({
        reason: "no_change",
        message: "These are the values the icon already has.",
        understood: Object.keys(params),
        unknown: [],
      }),
    );
  }
  const variant = drawLocalIcon({
    tool: reference.tool,
    params: { ...reference.params, ...params },
    colorMode: input.colorMode,
    ...(reference.construction !== undefined && { construction: reference.construction }),
  });
  return {
    variants: [
      {
        svg: variant.svg,
        toolType: variant.toolType,
        tool: variant.tool,
        params: variant.params,
        construction: variant.construction,
        check: { passed: variant.passed, score: variant.score, findings: variant.findings },
      },
    ],
    understood: changes.map((c) => c.key),
    notUnderstood: [],
    changes,
  };
};
