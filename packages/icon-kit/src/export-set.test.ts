import path from "node:path";
import { testIcons } from "@parametric-portal/test-support/export-test-icons";
import { DOMParser } from "@xmldom/xmldom";
import { build } from "esbuild";
import { decode } from "fast-png";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { checkSvg } from "./design-check";
import { ExportInputError } from "./export-options";
import { createPngRenderer } from "./export-png";
import { loadResvgWasm } from "./export-png-node";
import { exportIcons } from "./export-set";
import { exportSprite } from "./export-sprite";
import type { ZipManifest } from "./export-zip";

const icons = testIcons();
const renderPng = createPngRenderer(loadResvgWasm);
const here = path.dirname(new URL(import.meta.url).pathname);

describe("SVG sprite", () => {
  it("resolves every <use href> to exactly one symbol, with no id repeated anywhere", () => {
    const twice = [...icons, icons[0] ?? icons[1]!];
    const { svg, ids } = exportSprite(twice, { colors: "currentColor" });
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    const all = Array.from(doc.getElementsByTagName("*"))
      .map((el) => el.getAttribute("id"))
      .filter((id): id is string => id !== null);
    expect(new Set(all).size).toBe(all.length);
    const symbols = Array.from(doc.getElementsByTagName("symbol"));
    expect(symbols.map((s) => s.getAttribute("id"))).toEqual(ids);
    expect(ids.at(-1)).toBe("arc-through-three-points-2");
    for (const symbol of symbols) expect(symbol.getAttribute("viewBox")).toBe("0 0 32 32");
    const page = `<svg xmlns="http://www.w3.org/2000/svg">${ids.map((id) => `<use href="#${id}"/>`).join("")}</svg>`;
    for (const use of Array.from(
      new DOMParser().parseFromString(page, "image/svg+xml").getElementsByTagName("use"),
    )) {
      const target = use.getAttribute("href")?.slice(1) ?? "";
      expect(symbols.filter((s) => s.getAttribute("id") === target)).toHaveLength(1);
      expect(target).toMatch(/^[a-z][a-z0-9-]*$/);
    }
  });
});

describe("exportIcons", () => {
  it("zips exactly what its manifest lists, every file readable", async () => {
    const file = await exportIcons(icons, { format: "zip", optical: true, sizes: [16, 48] }, renderPng);
    expect(file).toMatchObject({ fileName: "icons.zip", contentType: "application/zip" });
    const entries = unzipSync(file.bytes);
    const manifest = JSON.parse(strFromU8(entries["manifest.json"] ?? new Uint8Array())) as ZipManifest;
    expect(Object.keys(entries).sort()).toEqual([...manifest.files, "manifest.json"].sort());
    expect(manifest).toMatchObject({
      sizes: [16, 48],
      colors: "palette",
      optical: true,
      ids: true,
      title: true,
    });
    expect(manifest.icons.map((i) => i.name)).toEqual(icons.map((i) => i.name));
    expect(manifest.icons[1]).toMatchObject({
      tool: "polarArray",
      toolType: icons[1]?.toolType,
      params: { count: 6 },
    });
    for (const icon of manifest.icons) {
      const listed = [icon.files.svg, icon.files.react, icon.files.vue, ...Object.values(icon.files.png)];
      for (const name of listed) expect(manifest.files).toContain(name);
      expect(checkSvg(strFromU8(entries[icon.files.svg] ?? new Uint8Array())).passed).toBe(true);
      for (const [size, name] of Object.entries(icon.files.png)) {
        const image = decode(entries[name] ?? new Uint8Array());
        expect(image.width).toBe(Number(size));
      }
    }
    for (const name of ["sprite.svg", "react/icons.tsx", "vue/Icons.vue"])
      expect(manifest.files).toContain(name);
  });

  it("serves one icon in every single-file format with its name and content type", async () => {
    const [icon] = icons;
    if (!icon) throw new Error("no icon");
    const expected = {
      svg: ["arc-through-three-points.svg", "image/svg+xml"],
      png: ["arc-through-three-points-20.png", "image/png"],
      sprite: ["arc-through-three-points-sprite.svg", "image/svg+xml"],
      react: ["ArcThroughThreePointsIcon.tsx", "text/plain"],
      vue: ["ArcThroughThreePointsIcon.vue", "text/plain"],
      zip: ["arc-through-three-points.zip", "application/zip"],
    } as const;
    for (const [format, [fileName, contentType]] of Object.entries(expected)) {
      const file = await exportIcons(
        [icon],
        { format: format as keyof typeof expected, size: 20 },
        renderPng,
      );
      expect({ fileName: file.fileName, contentType: file.contentType }).toEqual({ fileName, contentType });
      expect(file.bytes.length).toBeGreaterThan(100);
    }
  });

  it("refuses a set in a one-icon format, and an empty set", async () => {
    await expect(exportIcons(icons, { format: "svg" }, renderPng)).rejects.toThrow(
      /format=svg exports one icon/,
    );
    await expect(exportIcons([], { format: "zip" }, renderPng)).rejects.toThrow(ExportInputError);
  });
});

describe("browser safety", () => {
  it("bundles for the browser with no Node built-in", async () => {
    const result = await build({
      stdin: {
        contents: 'export * from "./export-set"; export * from "./export-png";',
        resolveDir: here,
        loader: "ts",
      },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes("svgo"))).toBe(true);
    expect(inputs.filter((p) => p.startsWith("node:") || /(^|\/)(fs|path|os|url)$/.test(p))).toEqual([]);
  });
});
