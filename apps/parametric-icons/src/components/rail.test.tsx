// @vitest-environment jsdom
import { CANVAS } from "@parametric-portal/icon-kit/design-system";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { RAIL_SPECS } from "./glyphs";
import { Rail, TABS } from "./rail";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement | undefined;
afterEach(() => container?.remove());

const inSafeArea = (n: number) => n >= CANVAS.safeMin && n <= CANVAS.safeMax;

describe("rail icons", () => {
  it("draws every tab from an icon-kit spec inside the canvas safe area", () => {
    for (const tab of TABS) {
      const spec = RAIL_SPECS[tab.id];
      expect(spec.title).toBe(tab.label);
      const points = [
        ...spec.grips,
        ...[...("guide" in spec ? spec.guide : []), ...spec.primary].flatMap((s) =>
          s.kind === "circle"
            ? [
                { x: s.c.x - s.r, y: s.c.y - s.r },
                { x: s.c.x + s.r, y: s.c.y + s.r },
              ]
            : s.kind === "polyline"
              ? s.pts
              : [s.a, s.b],
        ),
      ];
      expect(points.length).toBeGreaterThan(0);
      expect(points.filter((p) => !inSafeArea(p.x) || !inSafeArea(p.y))).toEqual([]);
    }
  });

  it("renders SVG drawings, not text glyphs, and keeps each tab's name", async () => {
    container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    const user = { id: "u", email: "rail@example.test", name: null, avatarUrl: null };
    await act(async () => root.render(<Rail user={user} open="history" onOpen={() => {}} />));
    const buttons = [...container.querySelectorAll("button[data-tab]")].filter(
      (b) => b.getAttribute("data-tab") !== "account",
    );
    expect(buttons.map((b) => b.textContent)).toEqual(TABS.map((t) => t.label));
    for (const button of buttons) {
      const svg = button.querySelector("svg");
      expect(svg?.getAttribute("aria-hidden")).toBe("true");
      expect(svg?.querySelectorAll("line, polyline, rect, circle").length).toBeGreaterThan(0);
    }
    await act(async () => root.unmount());
  });
});
