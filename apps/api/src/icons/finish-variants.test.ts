import { goodSvg } from "@parametric-portal/test-support/icons-test-kit";
import { describe, expect, it } from "vitest";
import { finishVariants, reviewVariant } from "./finish-variants";

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
