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
      ["rotaet", "rotate"],
      ["bevel the edge", "chamfer"],
      ["linear pattern", "array"],
      ["lathe", "revolve"],
    ];
    for (const [prompt, tool] of cases) expect(readPrompt(prompt).tool, prompt).toBe(tool);
  });

  it("lets the operation decide: the shape it works on and quantity words never override it", () => {
    expect(readPrompt("offset curve").tool).toBe("offset");
    expect(readPrompt("measure angle").tool).toBe("angle");
    expect(readPrompt("measure").tool).toBe("distance");
    expect(readPrompt("fillet between two lines").tool).toBe("fillet");
    expect(readPrompt("divide curve into segments").tool).toBe("divide");
    expect(readPrompt("surface area of a region").tool).toBe("area");
    expect(readPrompt("rotate by 45 degrees").tool).toBe("rotate");
    expect(readPrompt("offset a curve by a distance").tool).toBe("offset");
    expect(readPrompt("hatch a closed area").tool).toBe("hatch");
  });

  it("lists typo corrections as understood and says what was contradictory", () => {
    expect(readPrompt("rotaet by 30 degrees")).toMatchObject({
      tool: "rotate",
      params: { angle: 30 },
      understood: ["rotaet→rotate", "by", "30", "degrees"],
    });
    const both = readPrompt("rotate and mirror");
    expect(both).toMatchObject({ status: "not_understood", tool: null, suggestions: ["rotate", "mirror"] });
    expect(both.message).toContain('"rotate" and "mirror"');
    expect(readPrompt("extrdue").understood).toEqual(["extrdue→extrude"]);
    // Four-letter words are not corrected ("room" is not "zoom"), but a near miss is suggested.
    expect(readPrompt("polar aray")).toMatchObject({ tool: null, unknown: ["aray"] });
    expect(readPrompt("polar aray").suggestions[0]).toBe("polar array");
  });

  it("suggests close tools for words it does not know", () => {
    const reading = readPrompt("a cat");
    expect(reading).toMatchObject({ status: "not_understood", unknown: ["cat"], understood: [] });
    expect(reading.suggestions).toContain("trim");
    expect(readPrompt("polar").suggestions[0]).toBe("polar array");
  });

  it("counts short aliases only in capitals or alone", () => {
    expect(readPrompt("A circle").tool).toBe("circle");
    expect(readPrompt("co").tool).toBe("copy");
    expect(readPrompt("CO the part").tool).toBe("copy");
    expect(readPrompt("co the part").tool).toBeNull();
  });

  it("separates understood, ignored and unknown words", () => {
    expect(readPrompt("arc through three points")).toMatchObject({
      status: "understood",
      tool: "arc",
      understood: ["arc", "through", "3", "points"],
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
