import { HOSTILE } from "@parametric-portal/test-support/sanitize-corpus";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { checkSvg } from "./design-check";
import { drawLocalIcon, LOCAL_ENGINE_TOOLS } from "./local-engine";
import { sanitizeSvg } from "./sanitize";
import { ALLOWED_ELEMENTS, attributeAllowed } from "./sanitize-policy";
import { SvgInputError, XLINK_NS } from "./svg-parse";
import { TOOL_CONSTRUCTIONS } from "./tool-catalog";

function parse(svg: string): Element {
  const root = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
  if (!root) throw new Error("no root");
  return root;
}

function allElements(root: Element): Element[] {
  return [root, ...Array.from(root.getElementsByTagName("*"))];
}

/** Elements and attributes as a renderer sees them: xlink:href is href, id prefixes removed. */
function renderingView(svg: string, prefix = ""): string[] {
  // url('#a') and url(#a) paint the same; the sanitiser writes the unquoted form.
  const unprefix = (v: string) =>
    (prefix ? v.replaceAll(`${prefix}-`, "") : v).replace(/url\(\s*['"]?(#[\w.-]+)['"]?\s*\)/g, "url($1)");
  return allElements(parse(svg)).map((el) => {
    const attrs = Array.from(el.attributes)
      .filter((a) => !a.name.startsWith("xmlns"))
      .map((a) => `${a.namespaceURI === XLINK_NS ? a.localName : a.name}=${unprefix(a.value.trim())}`)
      .sort();
    const text = ["title", "desc"].includes(el.localName ?? "") ? `"${el.textContent}"` : "";
    return `<${el.localName} ${attrs.join(" ")}>${text}`;
  });
}

describe("sanitizeSvg on hostile input", () => {
  it("has a corpus of at least 30 hostile SVGs", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  for (const hostile of HOSTILE) {
    it(`neutralises: ${hostile.name}`, () => {
      if (hostile.rejects) {
        expect(() => sanitizeSvg(hostile.svg)).toThrow(SvgInputError);
        try {
          sanitizeSvg(hostile.svg);
        } catch (error) {
          expect((error as SvgInputError).code).toBe(hostile.rejects);
          expect((error as Error).message.length).toBeGreaterThan(20);
        }
        return;
      }
      const { svg } = sanitizeSvg(hostile.svg);
      for (const pattern of hostile.forbidden ?? []) expect(svg).not.toMatch(pattern);
      // Whatever the trick, the output holds only allowlisted markup and same-document links.
      for (const el of allElements(parse(svg))) {
        expect(ALLOWED_ELEMENTS.has(el.localName ?? "")).toBe(true);
        for (const a of Array.from(el.attributes)) {
          if (a.name === "xmlns") continue;
          expect(attributeAllowed(el.localName ?? "", a.name), a.name).toBe(true);
          expect(a.value).not.toMatch(/javascript|data:|url\((?!#)|expression|@import/i);
          if (a.name === "href") expect(a.value).toMatch(/^#[\w.-]+$/);
        }
      }
      expect(svg).not.toMatch(/<!|<\?|\son\w+=/i);
    });
  }

  it("strips characters XML text may not hold from <title> and <desc>", () => {
    const input =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><title>a\u0000\u0001b\uD800</title><desc>\u001b[31mred</desc><path d="M4 4 L28 28"/></svg>';
    const { svg } = sanitizeSvg(input);
    expect(svg).toContain("<title>ab</title>");
    expect(svg).toContain("<desc>[31mred</desc>");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(sanitizeSvg(svg).svg).toBe(svg);
  });

  it("lists what it removed and why", () => {
    const { removed } = sanitizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="x"><script>x</script><rect width="1" height="1" style="fill:red;behavior:url(x)"/></svg>',
    );
    expect(removed.map((r) => r.what)).toEqual([
      "onload on <svg>",
      "<script>",
      'style declaration "behavior" on <rect>',
    ]);
    expect(removed.every((r) => r.reason.length > 0)).toBe(true);
  });

  it("says what kind of thing each removal was, as a value", () => {
    const { removed } = sanitizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="x"><script>x</script><path d="M0 0" onclick="y" data-x="1" ' +
        'style="fill:red;behavior:url(x)" fill="url(https://e.test/#a)"/>loose<use href="#nowhere"/></svg>',
    );
    expect(removed.map(({ kind, name }) => ({ kind, name }))).toEqual([
      { kind: "event-handler", name: "onload" },
      { kind: "element", name: "script" },
      { kind: "event-handler", name: "onclick" },
      { kind: "attribute", name: "data-x" },
      { kind: "style-declaration", name: "behavior" },
      { kind: "unsafe-value", name: "fill" },
      { kind: "text", name: "svg" },
      { kind: "element", name: "use" },
    ]);
  });

  it("counts the shapes left, so an SVG that draws nothing can be refused", () => {
    const count = (svg: string) => sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg">${svg}</svg>`).shapes;
    expect(count("<script>x</script><foreignObject><p>hi</p></foreignObject>")).toBe(0);
    expect(count('<defs><path id="a" d="M0 0"/></defs>')).toBe(0);
    expect(count('<defs><path id="a" d="M0 0"/></defs><use href="#a"/>')).toBe(1);
    expect(count('<g><path d="M0 0"/><circle r="1"/></g>')).toBe(2);
  });

  it("accepts custom limits", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><g/><g/><g/></svg>';
    expect(() => sanitizeSvg(svg, { maxElements: 3 })).toThrow(/4 elements; the limit is 3/);
    expect(() => sanitizeSvg(svg, { maxBytes: 10 })).toThrow(/limit is 10 bytes/);
    expect(() => sanitizeSvg(svg, { idPrefix: '"><script>' })).toThrow(TypeError);
  });
});

const HANDWRITTEN = [
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 32 32" width="32" height="32">
    <title>Gradient disc &amp; ring</title><desc>A hand-made icon</desc>
    <defs>
      <linearGradient id="g1" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="rgb(0, 120, 255)" stop-opacity="0.5"/></linearGradient>
      <radialGradient id="g2" xlink:href="#g1" cx="0.5" cy="0.5" r="0.5"/>
      <clipPath id="clip"><rect x="4" y="4" width="24" height="24" rx="3"/></clipPath>
      <path id="dot" d="M 0,0 m -1,0 a 1,1 0 1 0 2,0 a 1,1 0 1 0 -2,0"/>
    </defs>
    <g clip-path="url(#clip)" transform="rotate(45 16 16) translate(0.5, -0.5)">
      <circle cx="16" cy="16" r="10" fill="url(#g1)" stroke="currentColor" stroke-width="1.5"/>
      <ellipse cx="16" cy="16" rx="6" ry="3" fill="url('#g2') #333" style="stroke:#222;stroke-dasharray:2 1;opacity:0.9"/>
    </g>
    <use xlink:href="#dot" x="8" y="8"/><use href="#dot" x="24" y="24" fill="hsl(200, 50%, 40%)"/>
    <polyline points="4,20 10,14 16,20" fill="none" stroke="black" stroke-linecap="round"/>
    <polygon points="20 4 28 4 24 10" fill-rule="evenodd" opacity=".8"/>
    <line x1="4" y1="28" x2="28" y2="28" stroke="#000" vector-effect="non-scaling-stroke"/>
  </svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img" aria-label="Trim"><g id="Context" fill="none" stroke="#555" stroke-width="0.5"><line x1="16" y1="5" x2="16" y2="27"/></g><g id="Grips" fill="#fff" stroke="#111" stroke-width="0.5"><rect x="15" y="8" width="2" height="2"/></g></svg>`,
];

describe("sanitizeSvg on legitimate icons", () => {
  const engineIcons = LOCAL_ENGINE_TOOLS.flatMap((tool) =>
    (["dark", "light"] as const).flatMap((colorMode) =>
      [0, 1, 2].map(
        (construction) =>
          drawLocalIcon({ tool, params: {}, colorMode, construction: TOOL_CONSTRUCTIONS[tool][construction] })
            .svg,
      ),
    ),
  );

  it("keeps every engine icon intact in rendering terms and still design-valid", () => {
    expect(engineIcons.length).toBe(LOCAL_ENGINE_TOOLS.length * 6);
    for (const svg of engineIcons) {
      const out = sanitizeSvg(svg, { idPrefix: "v1" });
      expect(out.removed).toEqual([]);
      expect(renderingView(out.svg, "v1")).toEqual(renderingView(svg));
      expect(checkSvg(out.svg).passed).toBe(true);
    }
  });

  it("keeps hand-written icons with gradients, clip paths, uses and styles intact", () => {
    for (const svg of HANDWRITTEN) {
      const out = sanitizeSvg(svg, { idPrefix: "a7" });
      expect(out.removed).toEqual([]);
      expect(renderingView(out.svg, "a7")).toEqual(renderingView(svg));
    }
  });

  it("prefixes ids and every reference to them", () => {
    const out = sanitizeSvg(HANDWRITTEN[0] ?? "", { idPrefix: "v3" });
    expect(out.svg).toContain('id="v3-g1"');
    expect(out.svg).toContain('href="#v3-g1"');
    expect(out.svg).toContain('clip-path="url(#v3-clip)"');
    expect(out.svg).toContain('fill="url(#v3-g2) #333"');
    expect(out.svg).not.toMatch(/"#(g1|dot)"|url\(#(g1|clip)\)/);
    expect(sanitizeSvg(HANDWRITTEN[1] ?? "").svg).toContain('id="Context"');
  });

  it("is idempotent", () => {
    const once = sanitizeSvg(HANDWRITTEN[0] ?? "").svg;
    expect(sanitizeSvg(once).svg).toBe(once);
  });
});
