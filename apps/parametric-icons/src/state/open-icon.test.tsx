// @vitest-environment jsdom

import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { useOpenIcon } from "./open-icon";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const icon = (id: string, variants: number): Icon => ({
  id,
  prompt: `icon ${id}`,
  intent: "create",
  colorMode: "dark",
  engine: "local",
  parentId: null,
  createdAt: "2026-01-01T00:00:00Z",
  variants: Array.from({ length: variants }, (_, index) => ({
    index,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M${index} 0L32 32"/></svg>`,
    toolType: "DRAWING" as const,
    passed: true,
    score: 100,
    findings: [],
  })),
});

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
});

let latest: ReturnType<typeof useOpenIcon> | undefined;
function Probe() {
  latest = useOpenIcon();
  return null;
}

/** Mounts the hook and returns a getter for its latest result. */
const mount = () => {
  latest = undefined;
  root = createRoot(document.createElement("div"));
  act(() => root?.render(<Probe />));
  return () => {
    if (!latest) throw new Error("the hook did not render");
    return latest;
  };
};

describe("useOpenIcon", () => {
  it("shows the first variant of an opened icon and keeps history newest first without repeats", () => {
    const state = mount();
    act(() => state().open(icon("a", 3)));
    act(() => state().setVariantIndex(2));
    act(() => state().open(icon("b", 2)));
    act(() => state().open(icon("a", 3)));
    expect(state().icon?.id).toBe("a");
    expect(state().variantIndex).toBe(0);
    expect(state().history.map((i) => i.id)).toEqual(["a", "b"]);
  });

  it("steps through variants in both directions, wrapping at the ends", () => {
    const state = mount();
    act(() => state().stepVariant(1));
    expect(state().variantIndex).toBe(0);
    act(() => state().open(icon("a", 3)));
    act(() => state().stepVariant(-1));
    expect(state().variantIndex).toBe(2);
    act(() => state().stepVariant(1));
    expect(state().variantIndex).toBe(0);
  });

  it("forgets a deleted icon: off the stage when shown, and out of history", () => {
    const state = mount();
    act(() => state().open(icon("a", 1)));
    act(() => state().open(icon("b", 1)));
    act(() => state().forget("a"));
    expect(state().icon?.id).toBe("b");
    expect(state().history.map((i) => i.id)).toEqual(["b"]);
    act(() => state().forget("b"));
    expect(state().icon).toBeNull();
    expect(state().history).toEqual([]);
  });

  it("asks for focus on the result only when opened as one, until the picker has taken it", () => {
    const state = mount();
    act(() => state().open(icon("a", 3)));
    expect(state().revealPending).toBe(false);
    act(() => state().open(icon("b", 3), { reveal: true }));
    expect(state().revealPending).toBe(true);
    act(() => state().revealed());
    expect(state().revealPending).toBe(false);
    // Opening another icon from a list afterwards does not ask again, nor carry an old request over.
    act(() => state().open(icon("c", 3), { reveal: true }));
    act(() => state().open(icon("a", 3)));
    expect(state().revealPending).toBe(false);
  });

  it("updates a kept icon on the stage and in history, keeping the shown variant", () => {
    const state = mount();
    act(() => state().open(icon("a", 3)));
    act(() => state().open(icon("b", 3)));
    act(() => state().setVariantIndex(1));
    act(() => state().update({ ...icon("b", 3), kept: true }));
    expect(state().icon?.kept).toBe(true);
    expect(state().variantIndex).toBe(1);
    expect(state().history.map((i) => [i.id, i.kept ?? false])).toEqual([
      ["b", true],
      ["a", false],
    ]);
    // An icon that is not on the stage changes only in history.
    act(() => state().update({ ...icon("a", 3), kept: true }));
    expect(state().icon?.id).toBe("b");
    expect(state().history.map((i) => [i.id, i.kept ?? false])).toEqual([
      ["b", true],
      ["a", true],
    ]);
  });
});
