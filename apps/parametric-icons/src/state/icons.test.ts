import type { IconSummary } from "@parametric-portal/contracts/icons";
import type { InfiniteData } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { IconPage } from "../lib/types";
import { withKept } from "./icons";

const summary = (id: string, kept: boolean): IconSummary => ({
  id,
  prompt: `icon ${id}`,
  name: null,
  tool: "arc",
  toolType: "DRAWING",
  engine: "local",
  intent: "create",
  colorMode: "dark",
  kept,
  keptVariant: null,
  createdAt: "2026-11-30T08:00:00.000Z",
  parentId: null,
  variantCount: 1,
  thumbnailSvg: "<svg/>",
});

describe("withKept", () => {
  it("changes only the named icon, on whichever page it is, and leaves the cache untouched", () => {
    const data: InfiniteData<IconPage> = {
      pages: [
        { items: [summary("a", false), summary("b", false)], nextCursor: "c1" },
        { items: [summary("c", true)], nextCursor: null },
      ],
      pageParams: [null, "c1"],
    };
    const next = withKept(data, "c", false);
    expect(next.pages.map((p) => p.items.map((i) => [i.id, i.kept]))).toEqual([
      [
        ["a", false],
        ["b", false],
      ],
      [["c", false]],
    ]);
    expect(next.pageParams).toEqual([null, "c1"]);
    expect(data.pages[1]?.items[0]?.kept).toBe(true);
    expect(withKept(data, "a", true).pages[0]?.items.map((i) => i.kept)).toEqual([true, false]);
  });
});
