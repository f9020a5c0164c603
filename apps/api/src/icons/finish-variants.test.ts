import { describe, expect, it } from "vitest";
import { finishVariants } from "./finish-variants";
import { goodSvg } from "./icons-test-kit";

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
});
