import { transform } from "esbuild";
import { JSDOM } from "jsdom";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chooseExport, paintedPixels, pngDimensions, readSetZip } from "./support/exports";
import { downloadBytes, expectAccessible, setupE2e } from "./support/harness";

/**
 * Sets and the export dialog, by keyboard, on a desktop and on a phone: two local-engine icons go
 * into a set that is seen at 24 px, reordered and renamed, then exported as a sprite, React
 * components and a ZIP of optical 24 px PNGs; one icon is exported as a currentColor SVG.
 */

const { env, newPage } = setupE2e();

const FIRST = "offset curve";
const SECOND = "arc through three points";
const STEM = { [FIRST]: "offset-curve", [SECOND]: "arc-through-three-points" } as const;

/** Keyboard only: focus the control, then press the key a keyboard user would. */
const press = async (page: Page, target: Locator, key = "Enter") => {
  await target.focus();
  await page.keyboard.press(key);
};

/** Shortcuts are ignored while typing, so leave the prompt first. */
const shortcut = async (page: Page, key: string) => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
};

const generate = async (page: Page, prompt: string) => {
  const box = page.getByRole("textbox", { name: /Prompt/ });
  await box.fill(prompt);
  await box.press("Enter");
  await page
    .getByRole("img", { name: new RegExp(`Variant 1 of \\d+: ${prompt}$`) })
    .waitFor({ timeout: 60_000 });
};

const viewports = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

describe("sets and the export dialog", () => {
  for (const viewport of viewports) {
    it(`builds, orders, renames and exports a set (${viewport.name})`, async () => {
      const { context, page } = await newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto(env.web.origin);
      await page.getByRole("textbox", { name: "Email" }).fill(`sets.${viewport.name}@example.test`);
      await page.getByRole("textbox", { name: "Email" }).press("Enter");

      await generate(page, SECOND);
      await generate(page, FIRST);

      // A new set opens at once; the shown icon (the second generated) goes in first.
      await shortcut(page, "5");
      const panel = page.getByRole("complementary", { name: "Sets" });
      await panel.getByRole("textbox", { name: "New set" }).fill("Sketch");
      await panel.getByRole("textbox", { name: "New set" }).press("Enter");
      await panel.getByRole("heading", { name: "Sketch" }).waitFor();
      await expectAccessible(page, `${viewport.name}: empty set`);
      await press(page, panel.getByRole("button", { name: "Add shown icon" }));
      await page.getByText(`Added “${FIRST}” (variant 1) to Sketch.`).waitFor();

      // Show the other icon from History (on a phone that closes the drawer), then add it too.
      await shortcut(page, "1");
      await press(
        page,
        page
          .getByRole("list", { name: "Recent icons" })
          .getByRole("button", { name: new RegExp(`^${SECOND}`) }),
      );
      await page.getByRole("img", { name: new RegExp(`Variant 1 of \\d+: ${SECOND}$`) }).waitFor();
      if ((await page.getByRole("complementary", { name: "Sets" }).count()) === 0) await shortcut(page, "5");
      await press(page, panel.getByRole("button", { name: /^Sketch/ }));
      await press(page, panel.getByRole("button", { name: "Add shown icon" }));
      const items = panel.getByTestId("set-items").getByTestId("set-item-name");
      await expect.poll(() => items.allTextContents()).toEqual([FIRST, SECOND]);

      // Both strips show every icon at its real 24 px, decoded.
      for (const theme of ["light", "dark"]) {
        const imgs = panel.getByRole("list", { name: `Sketch at 24 px on ${theme}` }).getByRole("img");
        const sizes = await imgs.evaluateAll((els) =>
          els.map((el) => {
            const img = el as HTMLImageElement;
            const box = img.getBoundingClientRect();
            return { alt: img.alt, width: box.width, height: box.height, decoded: img.naturalWidth > 0 };
          }),
        );
        expect(sizes).toEqual([FIRST, SECOND].map((alt) => ({ alt, width: 24, height: 24, decoded: true })));
      }

      // Reorder by keyboard: the moved item keeps focus on its remaining move button.
      await press(page, panel.getByRole("button", { name: `Move ${SECOND} earlier` }));
      await expect.poll(() => items.allTextContents()).toEqual([SECOND, FIRST]);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
        .toBe(`Move ${SECOND} later`);

      // Rename, and the server holds the new name and order.
      await press(page, panel.getByRole("button", { name: "Rename set Sketch" }));
      const nameBox = panel.getByRole("textbox", { name: "Set name" });
      await expect.poll(() => nameBox.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("Sketch tools");
      await page.keyboard.press("Enter");
      await panel.getByRole("heading", { name: "Sketch tools" }).waitFor();
      const api = page.context().request;
      const sets = (await (await api.get(`${env.api.url}/sets`)).json()) as {
        items: { id: string; name: string }[];
      };
      expect(sets.items.map((s) => s.name)).toEqual(["Sketch tools"]);
      const stored = (await (await api.get(`${env.api.url}/sets/${sets.items[0]?.id}`)).json()) as {
        items: { prompt: string }[];
      };
      expect(stored.items.map((i) => i.prompt)).toEqual([SECOND, FIRST]);
      await expectAccessible(page, `${viewport.name}: set`);

      // Export the set: the dialog starts on a format a set can use.
      await press(page, panel.getByRole("button", { name: "Export set…" }));
      const dialog = page.getByRole("dialog", { name: "Export set “Sketch tools”" });
      await dialog.waitFor();
      await expect(dialog.getByRole("radio", { name: "SVG", exact: true }).isDisabled()).resolves.toBe(true);
      await expectAccessible(page, `${viewport.name}: export dialog`);
      const download = () =>
        downloadBytes(page, () => press(page, dialog.getByRole("button", { name: "Download" })));

      // Sprite: one <symbol> per icon, in the set's order, ids from the names.
      await chooseExport(page, { format: "Sprite" });
      const sprite = await download();
      expect(sprite.name).toBe("sprite.svg");
      const spriteDoc = new JSDOM(sprite.bytes.toString("utf8"), { contentType: "image/svg+xml" }).window
        .document;
      expect(spriteDoc.querySelector("parsererror")).toBeNull();
      expect([...spriteDoc.querySelectorAll("svg > symbol")].map((s) => s.id)).toEqual([
        STEM[SECOND],
        STEM[FIRST],
      ]);

      // React: one TSX module with a component per icon, and it parses.
      await chooseExport(page, { format: "React" });
      const react = await download();
      expect(react.name).toBe("icons.tsx");
      const tsx = react.bytes.toString("utf8");
      await expect(transform(tsx, { loader: "tsx" })).resolves.toBeDefined();
      expect(tsx).toMatch(/export function ArcThroughThreePointsIcon\b/);
      expect(tsx).toMatch(/export function OffsetCurveIcon\b/);

      // ZIP of 24 px optical PNGs: real 24×24 drawings, and the manifest lists what the ZIP holds.
      await chooseExport(page, { format: "ZIP", size: 24, optical: true });
      const zip = await download();
      expect(zip.name).toBe("icons.zip");
      const { files, manifest } = readSetZip(new Uint8Array(zip.bytes));
      expect({ sizes: manifest.sizes, optical: manifest.optical }).toEqual({ sizes: [24], optical: true });
      expect(manifest.icons.map((i) => i.name)).toEqual([SECOND, FIRST]);
      for (const icon of manifest.icons) {
        const png = files[icon.files.png["24"] ?? ""];
        expect(png, `${icon.name}'s 24 px PNG`).toBeDefined();
        const bytes = png ?? new Uint8Array();
        expect(pngDimensions(bytes)).toEqual({ width: 24, height: 24 });
        expect(paintedPixels(bytes)).toBeGreaterThan(10);
      }
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });

      // One icon as a currentColor SVG from the stage: no fixed colour left in it.
      await shortcut(page, "Escape");
      await press(page, page.getByRole("button", { name: "Export", exact: true }));
      const single = page.getByRole("dialog", { name: `Export “${SECOND}”` });
      await single.waitFor();
      await chooseExport(page, { format: "SVG", colors: "currentColor" });
      await single.getByRole("img", { name: /on dark$/ }).waitFor();
      await expectAccessible(page, `${viewport.name}: export dialog for one icon`);
      const svg = await downloadBytes(page, () =>
        press(page, single.getByRole("button", { name: "Download" })),
      );
      expect(svg.name).toBe(`${STEM[SECOND]}.svg`);
      const source = svg.bytes.toString("utf8");
      expect(source).toContain("currentColor");
      expect(source.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi)).toBeNull();
      const paints = [...source.matchAll(/(?:fill|stroke)(?:=|:)"?([^";\s>]+)/g)].map((m) => m[1]);
      expect(paints.filter((p) => p !== "currentColor" && p !== "none")).toEqual([]);
      await page.keyboard.press("Escape");
      await context.close();
    }, 150_000);
  }
});
