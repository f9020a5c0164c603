// @vitest-environment jsdom

import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { InspectorPanel } from "./panels/inspector-panel";
import { SvgImage } from "./svg-image";

// React warns unless it knows the test environment drives updates through act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const hostile =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><script>alert(1)</script>' +
  '<foreignObject><iframe src="javascript:alert(2)"></iframe></foreignObject><path d="M4 4L28 28" onclick="alert(3)"/></svg>';

let container: HTMLDivElement;
const render = async (node: React.ReactNode) => {
  container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(node));
  return root;
};

afterEach(() => container.remove());

describe("untrusted SVG in the UI", () => {
  it("is shown only as an <img> from a data URL, never as live markup", async () => {
    const root = await render(<SvgImage svg={hostile} alt="variant" />);
    const img = container.querySelector("img");
    expect(img?.getAttribute("src")).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(hostile)}`);
    expect(container.querySelectorAll("svg, script, iframe, foreignObject, [onclick]")).toHaveLength(0);
    await act(async () => root.unmount());
  });

  it("appears in the Inspector as text in a read-only field", async () => {
    const icon: Icon = {
      id: "i1",
      prompt: "line",
      intent: "create",
      colorMode: "dark",
      engine: "local",
      parentId: null,
      createdAt: "2026-01-01T00:00:00Z",
      variants: [{ index: 0, svg: hostile, toolType: "DRAWING", passed: true, score: 100, findings: [] }],
    };
    const root = await render(<InspectorPanel icon={icon} variantIndex={0} onOpenParent={() => {}} />);
    const source = container.querySelector("textarea");
    expect(source?.readOnly).toBe(true);
    expect(source?.value).toBe(hostile);
    expect(container.querySelectorAll("svg, script, iframe, [onclick]")).toHaveLength(0);
    await act(async () => root.unmount());
  });
});
