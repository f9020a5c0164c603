import { describe, expect, it } from "vitest";
import { variantStartCounter } from "./tool-output";

describe("variantStartCounter", () => {
  it("counts each variant's svg key once however the stream is cut, including inside a key", () => {
    const json = JSON.stringify({ variants: [{ svg: "<svg/>" }, { svg: "<svg/>" }, { svg: "<svg/>" }] });
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const count = variantStartCounter();
      let seen = "";
      let last = 0;
      for (let i = 0; i < json.length; i += size) {
        seen += json.slice(i, i + size);
        const now = count(seen);
        expect(now).toBeGreaterThanOrEqual(last);
        last = now;
      }
      expect(last, `chunks of ${size}`).toBe(3);
    }
  });

  it("counts a key whose colon comes after whitespace", () => {
    const count = variantStartCounter();
    expect(count('{"variants":[{"svg"')).toBe(0);
    expect(count('{"variants":[{"svg"   :')).toBe(1);
  });
});
