// @vitest-environment jsdom

import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { act, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { VariantCompare, variantLabel } from "./variant-compare";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const icon = (passed: readonly boolean[]): Icon => ({
  id: "3f1c9a52-7d0e-4b7a-9a55-0d3c2b1e6f10",
  prompt: "arc",
  intent: "create",
  colorMode: "dark",
  engine: "local",
  parentId: null,
  createdAt: "2026-01-01T00:00:00Z",
  variants: passed.map((ok, index) => ({
    index,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M${index + 4} 4L28 28"/></svg>`,
    toolType: "DRAWING" as const,
    passed: ok,
    score: ok ? 100 : 75,
    findings: [],
  })),
});

let root: Root | undefined;
let container: HTMLDivElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = undefined;
});

interface Seen {
  picks: number[];
  revealed: number;
}

/** The picker as the stage uses it: it owns the shown index and the pending reveal. */
function Harness({ icon: shown, reveal, seen }: { icon: Icon; reveal: boolean; seen: Seen }) {
  const [index, setIndex] = useState(0);
  const [pending, setPending] = useState(reveal);
  return (
    <main>
      <VariantCompare
        icon={shown}
        index={index}
        onPick={(i) => {
          seen.picks.push(i);
          setIndex(i);
        }}
        reveal={pending}
        onRevealed={() => {
          seen.revealed++;
          setPending(false);
        }}
      />
    </main>
  );
}

const mount = (shown: Icon, reveal: boolean) => {
  const seen: Seen = { picks: [], revealed: 0 };
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(<Harness icon={shown} reveal={reveal} seen={seen} />));
  const radios = () => [...(container?.querySelectorAll<HTMLInputElement>("input[type=radio]") ?? [])];
  return { seen, radios };
};

describe("VariantCompare", () => {
  it("names each variant by position and says when the rules found something", () => {
    expect(variantLabel(0, 3, true)).toBe("Variant 1 of 3");
    expect(variantLabel(2, 3, false)).toBe("Variant 3 of 3, has rule findings");
  });

  it("offers one radio per variant, the shown one checked and marked in words", () => {
    const { radios } = mount(icon([true, false, true]), false);
    expect(radios().map((r) => r.getAttribute("aria-label"))).toEqual([
      "Variant 1 of 3",
      "Variant 2 of 3, has rule findings",
      "Variant 3 of 3",
    ]);
    expect(radios().map((r) => r.checked)).toEqual([true, false, false]);
    const cards = [...(container?.querySelectorAll("[data-variant]") ?? [])];
    expect(cards.map((c) => c.textContent?.includes("✓ Shown"))).toEqual([true, false, false]);
  });

  it("draws every variant at 16, 24 and 32 px on a light and a dark strip, as images of its SVG", () => {
    const shown = icon([true, true]);
    mount(shown, false);
    const cards = [...(container?.querySelectorAll("[data-variant]") ?? [])];
    for (const [i, card] of cards.entries()) {
      for (const tone of ["light", "dark"]) {
        const imgs = [...card.querySelectorAll<HTMLImageElement>(`[data-strip=${tone}] img`)];
        expect(imgs.map((img) => img.className.split(" ")[0])).toEqual(["h-4", "h-6", "h-8"]);
        for (const img of imgs) expect(decodeURIComponent(img.src)).toContain(shown.variants[i]?.svg);
      }
    }
  });

  it("makes a picked variant the shown one", () => {
    const { seen, radios } = mount(icon([true, true, true]), false);
    act(() => radios()[1]?.click());
    expect(seen.picks).toEqual([1]);
    expect(radios().map((r) => r.checked)).toEqual([false, true, false]);
    expect(container?.querySelectorAll("[data-variant='2']")[0]?.textContent).toContain("✓ Shown");
  });

  it("takes focus once when asked to reveal the result, and not when opened otherwise", () => {
    const first = mount(icon([true, true]), true);
    expect(document.activeElement).toBe(first.radios()[0]);
    expect(first.seen.revealed).toBe(1);
    act(() => root?.unmount());
    container?.remove();
    (document.activeElement as HTMLElement | null)?.blur();

    const second = mount(icon([true, true]), false);
    expect(second.radios()).toHaveLength(2);
    expect(document.activeElement).toBe(document.body);
    expect(second.seen.revealed).toBe(0);
  });

  it("leaves focus alone when it is outside the workspace (a drawer, a dialog)", () => {
    const outside = document.createElement("input");
    document.body.append(outside);
    outside.focus();
    const { seen } = mount(icon([true, true]), true);
    expect(document.activeElement).toBe(outside);
    // The request is still answered, so it cannot fire later by surprise.
    expect(seen.revealed).toBe(1);
    outside.remove();
  });
});
