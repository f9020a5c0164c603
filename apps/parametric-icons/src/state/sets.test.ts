import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import type { IconSetItem } from "@parametric-portal/contracts/sets";
import { afterEach, describe, expect, it, vi } from "vitest";
import { moveItem, setExportIcons } from "./sets";

const apiJson = vi.hoisted(() => vi.fn());
vi.mock("../lib/api-client", () => ({ apiJson }));

afterEach(() => apiJson.mockReset());

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

const svg = (n: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M${n} 4L28 28"/></svg>`;
const icon = (id: string, over: Partial<Icon>): Icon => ({
  id,
  prompt: "",
  name: null,
  intent: "create",
  colorMode: "dark",
  engine: "local",
  parentId: null,
  createdAt: "2026-01-01T00:00:00Z",
  variants: [1, 2].map((index) => ({
    index,
    svg: svg(index),
    toolType: "DRAWING" as const,
    passed: true,
    score: 100,
    findings: [],
    tool: "arc",
  })),
  ...over,
});
const item = (iconId: string, variantIndex: number, prompt: string): IconSetItem => ({
  id: `item-${iconId}`,
  iconId,
  variantIndex,
  position: 0,
  prompt,
  name: null,
  svg: svg(variantIndex),
});

describe("setExportIcons", () => {
  it("reads each icon, takes the item's variant by its index and names it like a single export", async () => {
    const icons: Record<string, Icon> = {
      a: icon("a", { prompt: "arc through three points" }),
      b: icon("b", { prompt: "make it larger", intent: "refine", parentId: "a" }),
    };
    apiJson.mockImplementation(async (path: string) => ({ icon: icons[path.split("/").pop() ?? ""] }));
    const out = await setExportIcons([
      item("a", 2, "arc through three points"),
      item("b", 1, "make it larger"),
    ]);
    expect(apiJson.mock.calls.map(([path]) => path)).toEqual(["/icons/a", "/icons/b"]);
    expect(out.map((i) => ({ name: i.name, svg: i.svg }))).toEqual([
      { name: "arc through three points", svg: svg(2) },
      // A refinement is named by its tool, never by the instruction.
      { name: "arc", svg: svg(1) },
    ]);
  });

  it("rejects with the API's error when an icon cannot be read", async () => {
    apiJson.mockRejectedValue(new Error("The icon was not found."));
    await expect(setExportIcons([item("a", 1, "x")])).rejects.toThrow("The icon was not found.");
  });
});
