import { describe, expect, it } from "vitest";
import { moveItem } from "./sets";

describe("moveItem", () => {
  const ids = ["a", "b", "c", "d"] as const;

  it("moves one place earlier or later", () => {
    expect(moveItem(ids, 2, -1)).toEqual(["a", "c", "b", "d"]);
    expect(moveItem(ids, 0, 1)).toEqual(["b", "a", "c", "d"]);
  });

  it("stops at the ends and returns the same array when nothing moves", () => {
    expect(moveItem(ids, 0, -1)).toBe(ids);
    expect(moveItem(ids, 3, 1)).toBe(ids);
    expect(moveItem(ids, 7, -1)).toBe(ids);
    expect(moveItem(ids, 3, -10)).toEqual(["d", "a", "b", "c"]);
  });

  it("never loses or duplicates an item", () => {
    for (let i = 0; i < ids.length; i++)
      for (const delta of [-2, -1, 1, 2]) expect([...moveItem(ids, i, delta)].sort()).toEqual([...ids]);
  });
});
