import { describe, expect, it } from "vitest";
import { readPrompt } from "./vocabulary";

describe("readPrompt", () => {
  it("understands synonyms, plurals and verb forms", () => {
    const cases: [string, string][] = [
      ["arches", "arc"],
      ["Lines", "line"],
      ["ellipses", "ellipse"],
      ["splines", "curve"],
      ["mirrored copy", "mirror"],
      ["rotating", "rotate"],
      ["divided", "divide"],
      ["hexagon", "polygon"],
      ["bevel the edge", "chamfer"],
      ["linear pattern", "array"],
      ["lathe", "revolve"],
    ];
    for (const [prompt, tool] of cases) expect(readPrompt(prompt).tool, prompt).toBe(tool);
  });

  it("prefers analysis over modification over drawing words, and specific over weak words", () => {
    expect(readPrompt("offset curve").tool).toBe("offset");
    expect(readPrompt("measure angle").tool).toBe("angle");
    expect(readPrompt("measure").tool).toBe("distance");
    expect(readPrompt("fillet between two lines").tool).toBe("fillet");
    expect(readPrompt("divide curve into segments").tool).toBe("divide");
    expect(readPrompt("surface area of a region").tool).toBe("area");
  });

  it("separates understood, ignored and unknown words", () => {
    expect(readPrompt("arc through three points")).toMatchObject({
      status: "understood",
      tool: "arc",
      understood: ["arc", "through", "three", "points"],
      unknown: [],
    });
    expect(readPrompt("the quux of a blorp")).toMatchObject({
      status: "not_understood",
      tool: null,
      understood: [],
      unknown: ["quux", "blorp"],
    });
  });
  it("ignores words that name Object.prototype members", () => {
    for (const word of [
      "constructor",
      "Constructors",
      "toString",
      "__proto__",
      "hasOwnProperty",
      "valueOf",
    ]) {
      const reading = readPrompt(`${word} line`);
      expect(reading.tool, word).toBe("line");
      expect(readPrompt(word).tool, word).toBeNull();
    }
  });
});
