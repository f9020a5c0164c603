import { describe, expect, it } from "vitest";
import { ApiError } from "../lib/api-client";
import { readRefusal } from "./generation";

describe("readRefusal: the API's honest answers, read for the screen", () => {
  it("reads PROMPT_NOT_UNDERSTOOD with at most three suggestions, dropping non-text", () => {
    const error = new ApiError(422, "PROMPT_NOT_UNDERSTOOD", "No tool.", {
      unknown: ["cat", 3],
      understood: [],
      suggestions: ["line", "arc", "circle", "polygon"],
    });
    expect(readRefusal(error)).toEqual({
      kind: "not-understood",
      answer: {
        message: "No tool.",
        understood: [],
        unknown: ["cat"],
        suggestions: ["line", "arc", "circle"],
      },
    });
  });

  it("reads REFINE_REFUSED with its reason", () => {
    const error = new ApiError(422, "REFINE_REFUSED", "Stroke width is fixed.", {
      reason: "forbidden_by_design_system",
      understood: ["thicker"],
      unknown: [],
    });
    expect(readRefusal(error)).toMatchObject({
      kind: "refused",
      answer: { reason: "forbidden_by_design_system", understood: ["thicker"] },
    });
  });

  it("leaves every other error to the generic failure path, and survives missing details", () => {
    expect(readRefusal(new ApiError(429, "QUOTA_EXCEEDED", "Used up."))).toBeNull();
    expect(readRefusal(new ApiError(0, "PROMPT_NOT_UNDERSTOOD", "No tool."))).toEqual({
      kind: "not-understood",
      answer: { message: "No tool.", understood: [], unknown: [], suggestions: [] },
    });
  });
});
