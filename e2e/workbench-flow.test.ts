import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  chooseExport,
  compileReact,
  paintedPixels,
  pngDimensions,
  readSetZip,
  renderSpriteUses,
} from "./support/exports";
import { downloadBytes, expectAccessible, setupE2e } from "./support/harness";
import {
  boxOf,
  generate,
  imageSizes,
  intersects,
  isFocused,
  press,
  settled,
  shortcut,
  signIn,
} from "./support/workbench";

/**
 * The workbench's "Done when", through the UI only and by keyboard, at a desktop and a phone size:
 * generate, compare the variants at 24 px and pick one, Keep it, generate and Keep a second, put
 * both into a new set "Sketch" from the Library, see the set at 24 px, and export it as a sprite,
 * React components and a ZIP of optical 24 px PNGs. The API is read only to verify. Every screen
 * on the way is checked with axe and photographed into test-results/ for review.
 */

const { env, newPage, listIcons } = setupE2e();

const SHOTS = path.resolve(import.meta.dirname, "../test-results/workbench-flow");
beforeAll(() => mkdir(SHOTS, { recursive: true }).then(() => undefined));

const FIRST = "arc through three points";
const SECOND = "offset curve";
const STEM = { [FIRST]: "arc-through-three-points", [SECOND]: "offset-curve" } as const;
const COMPONENT = { [FIRST]: "ArcThroughThreePointsIcon", [SECOND]: "OffsetCurveIcon" } as const;

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

type Viewport = (typeof VIEWPORTS)[number];

/** Axe on the screen as it is now, then a full-page photo of it for the review. */
const visit = async (page: Page, viewport: Viewport, screen: string) => {
  await settled(page);
  await expectAccessible(page, `${viewport.name}: ${screen}`);
  await page.screenshot({ path: path.join(SHOTS, `${viewport.name}-${screen.replaceAll(" ", "-")}.png`) });
};

/** Keep on the stage toolbar, by keyboard; the toggle turns to Kept once the server has it. */
const keepShown = async (page: Page) => {
  const toolbar = page.getByRole("toolbar", { name: "Icon actions" });
  const kept = page.waitForResponse((r) => r.url().endsWith("/keep") && r.request().method() === "PUT");
  await press(page, toolbar.getByRole("button", { name: "Keep", exact: true }), "Space");
  expect((await kept).status()).toBe(200);
  const toggle = toolbar.getByRole("button", { name: "Kept", exact: true });
  await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
  // Focus stays on the toggle, so a second press would undo it.
  await expect.poll(() => isFocused(toggle)).toBe(true);
};

describe("workbench flow: generate, compare, keep, set, export", () => {
  for (const viewport of VIEWPORTS) {
    it(`done when, by keyboard (${viewport.name})`, async () => {
      const { context, page } = await newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await signIn(page, env.web.origin, `flow.${viewport.name}@example.test`);
      await visit(page, viewport, "empty workbench");

      // 1. Generate with the local engine; focus lands on the variant picker.
      await generate(page, FIRST);
      const picker = page.getByRole("radiogroup", { name: "Compare variants" });
      const cards = page.getByTestId("variant-compare").locator("[data-variant]");
      const count = await cards.count();
      expect(count).toBeGreaterThan(1);

      // 2. Compare at 24 px: on both strips of every variant, the middle image is 24×24 and drawn.
      for (let i = 0; i < count; i++)
        for (const tone of ["light", "dark"] as const) {
          const sizes = await imageSizes(cards.nth(i).locator(`[data-strip=${tone}] img`));
          expect({ variant: i + 1, tone, at24: sizes[1] }).toEqual({
            variant: i + 1,
            tone,
            at24: { width: 24, height: 24, decoded: true },
          });
        }
      await visit(page, viewport, "compare");

      // Pick variant 2 with the arrow key: the stage shows it.
      await page.keyboard.press("ArrowRight");
      await page.getByRole("img", { name: new RegExp(`^Variant 2 of ${count}: ${FIRST}$`) }).waitFor();
      await expect(picker.getByRole("radio", { name: `Variant 2 of ${count}` }).isChecked()).resolves.toBe(
        true,
      );

      // The whole stage (drawing and its actions) is on screen without scrolling on a desktop, and
      // the actions never cover the drawing.
      const toolbar = page.getByRole("toolbar", { name: "Icon actions" });
      const drawing = page.getByRole("img", { name: new RegExp(`^Variant 2 of ${count}`) });
      expect(intersects(await boxOf(toolbar), await boxOf(drawing))).toBe(false);
      if (viewport.name === "desktop") {
        const stage = await boxOf(page.getByRole("region", { name: "Preview" }));
        expect(stage.y + stage.height).toBeLessThanOrEqual(viewport.height);
      }

      // 3. Keep on the stage.
      await keepShown(page);
      await visit(page, viewport, "kept");

      // 4. A second icon, kept as well.
      await generate(page, SECOND);
      // A new icon starts unkept: the toggle follows the shown icon, not the last press.
      await toolbar.getByRole("button", { name: "Keep", exact: true }).waitFor();
      await keepShown(page);
      // Verify only: both are in the library on the server.
      const icons = await listIcons(page);
      const library = (await (await context.request.get(`${env.api.url}/icons?view=library`)).json()) as {
        items: { id: string }[];
      };
      expect(library.items.map((i) => i.id).sort()).toEqual(icons.map((i) => i.id).sort());
      expect(icons.map((i) => i.prompt)).toEqual([SECOND, FIRST]);

      // History (shortcut 1) lists both, and its Keep toggles agree with the stage's.
      await shortcut(page, "1");
      const recent = page.getByRole("list", { name: "Recent icons" });
      for (const name of [FIRST, SECOND])
        await expect
          .poll(() => recent.getByRole("button", { name: `Keep ${name}` }).getAttribute("aria-pressed"))
          .toBe("true");
      await visit(page, viewport, "history");

      // 5. Library (shortcut 3): both tiles, multi-selected by keyboard, added to a new set.
      await shortcut(page, "3");
      const drawer = page.getByRole("complementary", { name: "Library" });
      const grid = drawer.getByRole("grid", { name: "Library icons" });
      await expect
        .poll(() =>
          grid.getByRole("row").evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label"))),
        )
        .toEqual([SECOND, FIRST]);
      await visit(page, viewport, "library");
      // Beside the open drawer the workbench narrows instead of being cut off at its sides.
      await expect(
        page.getByRole("main").evaluate((main) => main.scrollWidth - main.clientWidth),
      ).resolves.toBe(0);
      for (const name of [SECOND, FIRST]) await press(page, grid.getByRole("row", { name }), "Space");
      const selection = drawer.getByRole("toolbar", { name: "Selected icons" });
      await selection.getByText("2 selected").waitFor();
      await press(page, selection.getByRole("button", { name: "Add to set" }));
      const addDialog = page.getByRole("dialog", { name: "Add 2 icons to a set" });
      await addDialog.waitFor();
      await visit(page, viewport, "add to set");
      await addDialog.getByRole("textbox", { name: "New set name" }).focus();
      await page.keyboard.type("Sketch");
      await press(page, addDialog.getByRole("button", { name: "Create set and add" }));
      await page.getByText("Added 2 icons to “Sketch”.").waitFor();
      await addDialog.waitFor({ state: "detached" });

      // 6. Sets (shortcut 5): open "Sketch"; both icons at their real 24 px on light and dark.
      await shortcut(page, "5");
      const sets = page.getByRole("complementary", { name: "Sets" });
      await press(page, sets.getByRole("button", { name: /^Sketch/ }));
      await sets.getByRole("heading", { name: "Sketch" }).waitFor();
      const items = sets.getByTestId("set-items").getByTestId("set-item-name");
      await expect.poll(() => items.allTextContents()).toEqual([SECOND, FIRST]);
      for (const theme of ["light", "dark"]) {
        const strip = sets.getByRole("list", { name: `Sketch at 24 px on ${theme}` }).getByRole("img");
        await expect
          .poll(() => imageSizes(strip))
          .toEqual([SECOND, FIRST].map(() => ({ width: 24, height: 24, decoded: true })));
        await expect(strip.evaluateAll((els) => els.map((e) => e.getAttribute("alt")))).resolves.toEqual([
          SECOND,
          FIRST,
        ]);
      }
      await visit(page, viewport, "set");
      // Verify only: Add to set sent no variant, so the server took the one picked when kept:
      // the first icon's variant 2 (its second), not its first.
      const api = async <T>(url: string) =>
        (await (await context.request.get(`${env.api.url}${url}`)).json()) as T;
      const first = icons.find((i) => i.prompt === FIRST);
      const [unpicked, picked] = first?.variants ?? [];
      expect(picked?.svg).not.toBe(unpicked?.svg);
      const { items: setList } = await api<{ items: { id: string; name: string }[] }>("/sets");
      const sketch = await api<{ items: { iconId: string; variantIndex: number; svg: string }[] }>(
        `/sets/${setList.find((s) => s.name === "Sketch")?.id}`,
      );
      expect(sketch.items.find((i) => i.iconId === first?.id)).toMatchObject({
        variantIndex: picked?.index,
        svg: picked?.svg,
      });

      // 7. Export the set.
      await press(page, sets.getByRole("button", { name: "Export set…" }));
      const dialog = page.getByRole("dialog", { name: "Export set “Sketch”" });
      await dialog.waitFor();
      const download = () =>
        downloadBytes(page, () => press(page, dialog.getByRole("button", { name: "Download" })));

      // (a) Sprite: one <symbol> per icon, ids from the names, and <use href="#id"> draws each.
      await chooseExport(page, { format: "Sprite" });
      await visit(page, viewport, "export sprite");
      const sprite = await download();
      expect(sprite.name).toBe("sprite.svg");
      const ids = [STEM[SECOND], STEM[FIRST]];
      const drawn = await renderSpriteUses(env.browser, sprite.bytes.toString("utf8"), ids);
      expect(drawn.symbols).toEqual(ids);
      for (const use of drawn.uses) {
        expect(use.width, `<use href="#${use.id}"> width`).toBeGreaterThan(0);
        expect(use.height, `<use href="#${use.id}"> height`).toBeGreaterThan(0);
      }

      // (b) React: the module type-checks, and each component renders to an <svg>.
      await chooseExport(page, { format: "React" });
      await visit(page, viewport, "export react");
      const react = await download();
      expect(react.name).toBe("icons.tsx");
      const compiled = compileReact(react.name, react.bytes.toString("utf8"));
      expect(compiled.diagnostics).toEqual([]);
      expect(Object.keys(compiled.rendered).sort()).toEqual([COMPONENT[FIRST], COMPONENT[SECOND]].sort());
      for (const [name, markup] of Object.entries(compiled.rendered)) {
        expect(markup, name).toMatch(/^<svg [^>]*width="24" height="24"[^>]*>.*<\/svg>$/s);
        expect(markup, name).toMatch(/<(path|circle|line|polyline|polygon|rect|ellipse)\b/);
      }

      // (c) ZIP of 24 px optical PNGs: each 24×24 and painted; the ZIP holds exactly its manifest.
      await chooseExport(page, { format: "ZIP", size: 24, optical: true });
      await visit(page, viewport, "export zip");
      const zip = await download();
      expect(zip.name).toBe("icons.zip");
      const { files, manifest } = readSetZip(new Uint8Array(zip.bytes));
      expect({ sizes: manifest.sizes, optical: manifest.optical }).toEqual({ sizes: [24], optical: true });
      expect(manifest.icons.map((i) => i.name)).toEqual([SECOND, FIRST]);
      const pngs = Object.keys(files).filter((f) => f.endsWith(".png"));
      expect(pngs.sort()).toEqual(manifest.icons.map((i) => i.files.png["24"]).sort());
      for (const name of pngs) {
        const bytes = files[name] ?? new Uint8Array();
        expect({ name, ...pngDimensions(bytes) }).toEqual({ name, width: 24, height: 24 });
        expect(paintedPixels(bytes), `${name} painted pixels`).toBeGreaterThan(10);
      }

      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      // Focus goes back to where the dialog was opened from.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
        .toBe("Export set…");
      await context.close();
    }, 240_000);
  }
});
