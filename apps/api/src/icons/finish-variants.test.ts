import { generateLocalIcons } from "@parametric-portal/icon-kit/local-engine";
import { goodSvg } from "@parametric-portal/test-support/icons-test-kit";
import { describe, expect, it } from "vitest";
import { finishVariants, reviewVariant } from "./finish-variants";
import type { RawVariant } from "./generation-input";
import { rawLocalVariant } from "./run-generation";
import { sanitiseOwnSvg, sanitiseSvg } from "./svg-safety";

const ids = (svg: string) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);

const withGradient = goodSvg().replace(
  "</svg>",
  '<defs><linearGradient id="fade"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect x="10" y="10" width="1" height="1" fill="url(#fade)"/></svg>',
);

describe("finishVariants", () => {
  it("gives every variant its own ids, with references following and layers still recognised", () => {
    const variants = finishVariants([{ svg: withGradient }, { svg: withGradient }], "dark");
    const [a, b] = variants.map((v) => ids(v.svg));
    expect(a!.length).toBeGreaterThan(2);
    expect(a!.filter((id) => b!.includes(id))).toEqual([]);
    for (const variant of variants) {
      const gradient = ids(variant.svg).find((id) => id.endsWith("-fade"));
      expect(variant.svg).toContain(`url(#${gradient})`);
      expect(ids(variant.svg).some((id) => id.endsWith("-Primary"))).toBe(true);
      // The design checker still finds the layers under their prefixed ids.
      expect(variant.findings.filter((f) => f.rule === "layers" && f.severity === "error")).toEqual([]);
    }
    // Another generation of the same SVG gets other ids again.
    const again = ids(finishVariants([{ svg: withGradient }], "dark")[0]!.svg);
    expect(again.filter((id) => a!.includes(id))).toEqual([]);
  });

  it("replaces, not stacks, the prefix of an SVG it already finished (a refinement's reference)", () => {
    const first = finishVariants([{ svg: withGradient }], "dark")[0]!.svg;
    const second = finishVariants([{ svg: first }], "dark")[0]!.svg;
    for (const id of ids(second)) expect(id).toMatch(/^i[0-9a-f]{8}-v0-(?!i[0-9a-f]{8})/);
    expect(second).toMatch(/url\(#i[0-9a-f]{8}-v0-fade\)/);
  });

  it("stores a repairable variant repaired and passing, saying what was repaired", () => {
    const offGrip = goodSvg().replace('<rect x="5" y="25"', '<rect x="6.2" y="25.6"');
    const [variant] = finishVariants([{ svg: offGrip, toolType: "DRAWING" }], "light");
    expect(variant).toMatchObject({ passed: true, score: 100 });
    expect(variant?.repairs).toEqual([
      "Normalised the layer styles of Grips.",
      expect.stringMatching(/Snapped 1 grip/),
    ]);
    // The light palette's grip colours: the repair restyled the Grips layer for the chosen mode.
    expect(variant?.svg).toContain('stroke="#2a2a30"');
  });

  it("keeps an unrepairable variant unrepaired and flagged, with a model's earlier correction noted", () => {
    const farGrip = goodSvg().replace('<rect x="25" y="5"', '<rect x="15" y="20"');
    const [flagged, corrected] = finishVariants(
      [
        { svg: farGrip, toolType: "DRAWING" },
        { svg: goodSvg(), toolType: "DRAWING", repairs: ["Corrected by the model after the design check."] },
      ],
      "dark",
    );
    expect(flagged).toMatchObject({ passed: false });
    expect(flagged?.repairs).toBeUndefined();
    expect(flagged?.svg).toContain('x="15" y="20"');
    expect(corrected).toMatchObject({
      passed: true,
      repairs: ["Corrected by the model after the design check."],
    });
  });

  it("reviews a raw variant as it would be finished: findings in words, unusable ones said so", () => {
    expect(reviewVariant({ svg: goodSvg() }, "dark")).toEqual({ passed: true, usable: true, findings: [] });
    const far = reviewVariant(
      { svg: goodSvg().replace('<rect x="25" y="5"', '<rect x="15" y="20"') },
      "dark",
    );
    expect(far).toMatchObject({ passed: false, usable: true });
    expect(far.findings).toEqual([expect.stringMatching(/^\[grip-on-geometry\] Grip at \(16, 21\)/)]);
    expect(reviewVariant({ svg: "I cannot draw that." }, "dark")).toMatchObject({
      passed: false,
      usable: false,
      findings: [expect.stringMatching(/^\[parse\] The svg is not a usable SVG document/)],
    });
  });
});

describe("finishVariants of the local engine's own drawings", () => {
  // What the generation flow hands over for a local generation: the drawing and the engine's check.
  const localVariants = (prompt: string, colorMode: "dark" | "light" = "dark"): RawVariant[] => {
    const outcome = generateLocalIcons({ prompt, variantCount: 3, colorMode, intent: "create" });
    if (outcome.status !== "ok") throw new Error(`the local engine did not draw "${prompt}"`);
    return outcome.variants.map(rawLocalVariant);
  };
  // Each generation has its own random prefix; the rest must be identical.
  const unprefixed = (svg: string) => svg.replace(/i[0-9a-f]{8}-v\d+-/g, "PREFIX-");

  it.each([
    ["arc through three points", "dark"],
    ["hexagon", "light"],
    ["polar array of 6", "dark"],
    ["offset curve", "light"],
  ] as const)("stores for %s (%s) exactly what a full sanitise and check would", (prompt, colorMode) => {
    const raw = localVariants(prompt, colorMode);
    const reused = finishVariants(raw, colorMode, "local");
    const full = finishVariants(
      raw.map(({ check: _engineCheck, ...rest }) => rest),
      colorMode,
      "model",
    );
    expect(reused.length).toBe(raw.length);
    expect(reused.map((v) => ({ ...v, svg: unprefixed(v.svg) }))).toEqual(
      full.map((v) => ({ ...v, svg: unprefixed(v.svg) })),
    );
    // Still prefixed per generation and variant, like every stored variant.
    for (const [i, variant] of reused.entries())
      expect(variant.svg).toMatch(new RegExp(`id="i[0-9a-f]{8}-v${i}-`));
  });

  it("reuses the engine's check for local output instead of checking again", () => {
    const [variant] = finishVariants(
      [{ svg: goodSvg(), toolType: "DRAWING", check: { passed: true, score: 97, findings: [] } }],
      "dark",
      "local",
    );
    // The checker would give this drawing 100: 97 can only be the engine's own verdict.
    expect(variant).toMatchObject({ passed: true, score: 97 });
  });

  it("still sanitises local output: only the sanitiser's serialisation is stored", () => {
    const hostile = goodSvg().replace(
      "</svg>",
      '<script>alert(1)</script><path d="M1 1" onclick="x()"/></svg>',
    );
    const [variant] = finishVariants(
      [{ svg: hostile, toolType: "DRAWING", check: { passed: true, score: 100, findings: [] } }],
      "dark",
      "local",
    );
    expect(variant?.svg).not.toContain("script");
    expect(variant?.svg).not.toContain("onclick");
  });

  it("ignores a check carried by a model's variant: its SVG is sanitised and checked in full", () => {
    const farGrip = goodSvg()
      .replace('<rect x="25" y="5"', '<rect x="15" y="20"')
      .replace("</svg>", "<script>alert(1)</script></svg>");
    const forged = { passed: true, score: 100, findings: [] };
    const [variant] = finishVariants([{ svg: farGrip, toolType: "DRAWING", check: forged }], "dark");
    expect(variant?.svg).not.toContain("script");
    expect(variant).toMatchObject({ passed: false });
    expect(variant?.findings.map((f) => f.rule)).toContain("grip-on-geometry");
  });
});

describe("sanitiseOwnSvg", () => {
  it("gives exactly sanitiseSvg's output, the first time and from its cache, for any prefix", () => {
    const svg = goodSvg().replace(
      "</svg>",
      '<defs><linearGradient id="fade"><stop offset="0"/></linearGradient></defs><rect width="1" height="1" fill="url(#fade)"/></svg>',
    );
    for (const prefix of ["iaaaaaaaa-v0", "ibbbbbbbb-v2", "iaaaaaaaa-v0"]) {
      expect(sanitiseOwnSvg(svg, prefix)).toBe(sanitiseSvg(svg, prefix));
    }
  });

  it("sanitises in full an SVG that contains its placeholder text", () => {
    const svg = goodSvg().replace("<title>Line</title>", "<title>ppIdPrefixPlaceholder</title>");
    expect(sanitiseOwnSvg(svg, "icccccccc-v1")).toBe(sanitiseSvg(svg, "icccccccc-v1"));
    expect(sanitiseOwnSvg(svg, "icccccccc-v1")).toContain("<title>ppIdPrefixPlaceholder</title>");
  });
});
