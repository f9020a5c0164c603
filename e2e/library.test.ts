import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, SCREENSHOTS, setupE2e } from "./support/harness";

/**
 * History vs Library in the production build against the real API: icons are kept from History
 * by keyboard, and the Library grid searches, filters, sorts, renames, adds to a set, unkeeps,
 * pages by infinite scroll and deletes a multi-selection, on a desktop and on a phone.
 */

// The test creates 25 icons through the API on top of the generated ones: more than POST
// /api/icons allows per minute at the production rate, so the limits are scaled up here.
const { env, newPage } = setupE2e({ apiEnv: () => ({ RATE_LIMIT_SCALE: "10" }) });

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

const GENERATED = ["arc through three points", "circle by center and radius", "measure distance"];
// Prompts the local engine understands, for the icons made through the API.
const BULK_PROMPTS = ["line", "rectangle", "offset", "polar array", "polygon"];

/** The row names (label, else prompt) of the library grid, in order. */
const rowNames = (page: Page) =>
  page
    .getByRole("grid", { name: "Library icons" })
    .getByRole("row")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label")));

/** Presses Tab until the target has focus; fails after a few presses. */
const tabTo = async (page: Page, target: Locator, presses = 6): Promise<void> => {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab did not reach ${target} in ${presses} presses`);
};

/** Creates and keeps icons through the API, as a script with the session's CSRF token would. */
const createKeptIcons = async (page: Page, count: number): Promise<void> => {
  const { request } = page.context();
  const me = (await (await request.get(`${env.api.url}/auth/me`)).json()) as { csrfToken: string };
  const headers = { "x-csrf-token": me.csrfToken, origin: env.web.origin };
  for (let i = 0; i < count; i++) {
    const created = await request.post(`${env.api.url}/icons`, {
      headers,
      data: { prompt: BULK_PROMPTS[i % BULK_PROMPTS.length], engine: "local", variantCount: 1 },
    });
    expect(created.status()).toBe(201);
    const { icon } = (await created.json()) as { icon: { id: string } };
    expect((await request.put(`${env.api.url}/icons/${icon.id}/keep`, { headers })).status()).toBe(200);
  }
};

describe("library", () => {
  for (const viewport of VIEWPORTS) {
    it(`keeps from History and manages the Library grid on a ${viewport.name}`, async () => {
      const { context, page } = await newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto(env.web.origin);
      const email = `keeper.${viewport.name}@example.test`;
      await page.getByRole("textbox", { name: "Email" }).fill(email);
      await page.getByRole("button", { name: "Sign in for development" }).click();
      const prompt = page.getByRole("textbox", { name: /Prompt/ });
      await prompt.waitFor();

      for (const text of GENERATED) {
        await prompt.fill(text);
        await prompt.press("Enter");
        await page
          .getByRole("img", { name: new RegExp(`^Variant 1 of \\d+: ${text}`) })
          .waitFor({ timeout: 60_000 });
      }

      // History lists everything generated; keep two by keyboard (Tab from the row to its toggle).
      await page.getByRole("button", { name: "History", exact: true }).click();
      const recent = page.getByRole("list", { name: "Recent icons" });
      await expect.poll(() => recent.getByRole("listitem").count()).toBe(3);
      for (const name of ["arc through three points", "circle by center and radius"]) {
        await recent.getByRole("button", { name: new RegExp(`^${name}`) }).focus();
        await page.keyboard.press("Tab");
        const toggle = recent.getByRole("button", { name: `Keep ${name}` });
        await expect.poll(() => toggle.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await toggle.getAttribute("aria-pressed")).toBe("false");
        const kept = page.waitForResponse((r) => r.url().endsWith("/keep") && r.request().method() === "PUT");
        await page.keyboard.press("Space");
        expect((await kept).status()).toBe(200);
        await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
      }
      expect(
        await recent.getByRole("button", { name: "Keep measure distance" }).getAttribute("aria-pressed"),
      ).toBe("false");
      await expectAccessible(page, `${viewport.name} history`);

      // The Library shows exactly the two kept icons, newest first, as a grid of tiles.
      await page.getByRole("button", { name: "Library", exact: true }).click();
      const drawer = page.getByRole("complementary", { name: "Library" });
      const grid = page.getByRole("grid", { name: "Library icons" });
      const rows = grid.getByRole("row");
      await expect
        .poll(() => rowNames(page))
        .toEqual(["circle by center and radius", "arc through three points"]);
      // Each tile: a 48 px preview and the icon at a toolbar's real 24 px, both decoded images.
      const sizes = await rows
        .first()
        .locator("img")
        .evaluateAll((imgs) =>
          imgs.map((img) => {
            const box = img.getBoundingClientRect();
            return [box.width, box.height, (img as HTMLImageElement).naturalWidth > 0];
          }),
        );
      expect(sizes).toEqual([
        [48, 48, true],
        [24, 24, true],
      ]);
      // Side by side: a grid, not a list.
      const tops = await rows.evaluateAll((els) =>
        els.map((el) => Math.round(el.getBoundingClientRect().top)),
      );
      expect(new Set(tops).size).toBe(1);
      if (viewport.name === "desktop") {
        const width = await drawer.evaluate((el) => el.getBoundingClientRect().width);
        expect(width).toBeGreaterThan(500);
      }
      await expectAccessible(page, `${viewport.name} library`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `library-grid-${viewport.name}.png`) });

      // Search narrows (debounced), and clearing it brings both back.
      const search = drawer.getByRole("searchbox", { name: "Search your icons" });
      await search.fill("circle");
      await expect.poll(() => rowNames(page)).toEqual(["circle by center and radius"]);
      await search.fill("");
      await expect.poll(() => rowNames(page)).toHaveLength(2);

      // A tool filter narrows; Any clears it.
      const choose = async (select: string, option: string) => {
        await drawer.getByRole("button", { name: new RegExp(`${select}$`) }).click();
        await page.getByRole("option", { name: option, exact: true }).click();
      };
      await choose("Tool", "arc");
      await expect.poll(() => rowNames(page)).toEqual(["arc through three points"]);
      await choose("Type", "Analysis");
      await expect.poll(() => rowNames(page)).toEqual([]);
      await drawer.getByText(/No kept icons match/).waitFor();
      await choose("Type", "Any");
      await choose("Tool", "Any");
      await expect.poll(() => rowNames(page)).toHaveLength(2);

      // Sort by name orders A to Z (newest first put the circle first).
      await choose("Sort", "Name, A to Z");
      await expect
        .poll(() => rowNames(page))
        .toEqual(["arc through three points", "circle by center and radius"]);

      // Rename by keyboard: an empty name is explained and not sent; a new one shows at once.
      // Tab from the tile to its Rename button, as a keyboard user walks into a tile.
      await grid.getByRole("row", { name: "circle by center and radius" }).focus();
      await tabTo(page, grid.getByRole("button", { name: "Rename circle by center and radius" }));
      await page.keyboard.press("Enter");
      const field = grid.getByRole("textbox", { name: "New name for circle by center and radius" });
      await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.press("Backspace");
      await page.keyboard.press("Enter");
      await grid
        .getByRole("alert")
        .getByText(/Enter a name/)
        .waitFor();
      await page.keyboard.type("Big circle");
      const renamed = page.waitForResponse((r) => r.request().method() === "PATCH");
      await page.keyboard.press("Enter");
      expect((await renamed).status()).toBe(200);
      await expect.poll(() => rowNames(page)).toEqual(["arc through three points", "Big circle"]);
      // Focus returns to the Rename button once the rename and the lists' refetch have finished.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")), {
          timeout: 10_000,
        })
        .toBe("Rename Big circle");

      // Multi-select both by keyboard (Space on each tile) and add them to a new set "Sketch".
      for (const name of ["arc through three points", "Big circle"]) {
        await grid.getByRole("row", { name }).focus();
        await page.keyboard.press("Space");
      }
      const selectionBar = drawer.getByRole("toolbar", { name: "Selected icons" });
      await selectionBar.getByText("2 selected").waitFor();
      await selectionBar.getByRole("button", { name: "Add to set" }).click();
      const dialog = page.getByRole("dialog", { name: "Add 2 icons to a set" });
      await dialog.getByRole("textbox", { name: "New set name" }).fill("  ");
      await dialog.getByRole("button", { name: "Create set and add" }).click();
      await dialog.getByText("Enter a name for the new set.").waitFor();
      await expectAccessible(page, `${viewport.name} add to set`);
      await dialog.getByRole("textbox", { name: "New set name" }).fill("Sketch");
      await dialog.getByRole("button", { name: "Create set and add" }).click();
      await page.getByText("Added 2 icons to “Sketch”.").waitFor();
      const sets = (await (await context.request.get(`${env.api.url}/sets`)).json()) as {
        items: { name: string; itemCount: number }[];
      };
      expect(sets.items.map((s) => [s.name, s.itemCount])).toEqual([["Sketch", 2]]);
      await expect(selectionBar.count()).resolves.toBe(0);

      // Unkeep: the icon leaves the Library but stays in History, no longer pressed there.
      await grid.getByRole("button", { name: "Remove Big circle from library" }).click();
      await expect.poll(() => rowNames(page)).toEqual(["arc through three points"]);
      const history = (await (await context.request.get(`${env.api.url}/icons?view=history`)).json()) as {
        items: { name: string | null; kept: boolean }[];
      };
      expect(history.items.map((i) => [i.name, i.kept])).toEqual([
        [null, false],
        ["Big circle", false],
        [null, true],
      ]);

      // Infinite scroll: 25 more kept icons make two pages; scrolling down loads the second.
      await createKeptIcons(page, 25);
      await choose("Sort", "Newest first");
      await expect.poll(() => rows.count()).toBe(24);
      await drawer.getByRole("button", { name: "Load more" }).waitFor();
      // Scrolling the last tile into view brings the sentinel under it into view too.
      await rows.last().scrollIntoViewIfNeeded();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(26);
      await expect(drawer.getByRole("button", { name: "Load more" }).count()).resolves.toBe(0);

      // Select every loaded tile (Ctrl+A in the grid) and delete them, confirmed.
      await rows.first().focus();
      await page.keyboard.press("ControlOrMeta+a");
      await selectionBar.getByText("26 selected").waitFor();
      await selectionBar.getByRole("button", { name: "Delete" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Delete 26 icons?" });
      await expectAccessible(page, `${viewport.name} delete selection`);
      await confirm.getByRole("button", { name: "Delete" }).click();
      await page.getByText("Deleted 26 icons.").waitFor();
      await drawer.getByText(/Your library is empty\. .*press Keep on one there/).waitFor();
      await expectAccessible(page, `${viewport.name} empty library`);
      const left = (await (await context.request.get(`${env.api.url}/icons?view=history`)).json()) as {
        items: { prompt: string }[];
      };
      expect(left.items.map((i) => i.prompt)).toEqual(["measure distance", "circle by center and radius"]);
      await context.close();
    }, 240_000);
  }
});
