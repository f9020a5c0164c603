import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { downloadBytes, expectAccessible, SCREENSHOTS, setupE2e } from "./support/harness";
import { settled } from "./support/workbench";

/**
 * Compare and pick: after a generation every variant is shown side by side, large and at real
 * toolbar sizes on light and dark strips; focus lands on the picker, the keyboard alone picks a
 * variant (arrow keys, `[` `]`) and exports it (`d`); Keep puts the icon in the library; the icon
 * actions never cover the drawing. At a desktop and a phone size.
 */

const { env, newPage, listIcons } = setupE2e();

const PROMPT = "arc through three points";

type Box = { x: number; y: number; width: number; height: number };

const boxOf = async (locator: Locator): Promise<Box> => {
  const box = await locator.boundingBox();
  if (!box) throw new Error("expected a rendered element with a box");
  return box;
};

const intersects = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A CSS colour as [r, g, b] 0–255, whatever syntax the browser reports (Tailwind 4 uses oklch). */
const backgroundRgb = (locator: Locator) =>
  locator.evaluate((el) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2d canvas");
    ctx.fillStyle = getComputedStyle(el).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  });

const luminance = ([r = 0, g = 0, b = 0]: number[]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

/** Every image in a strip: its laid-out box, whether it decoded, and that it is the SVG itself. */
const stripImages = (strip: Locator) =>
  strip.locator("img").evaluateAll((imgs) =>
    imgs.map((i) => {
      const img = i as HTMLImageElement;
      const r = img.getBoundingClientRect();
      return {
        width: r.width,
        height: r.height,
        decoded: img.naturalWidth > 0,
        svg: img.src.startsWith("data:image/svg+xml"),
      };
    }),
  );

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

const POLL = { timeout: 10_000 };

const comparePickAndKeep = async (page: Page, screen: "desktop" | "phone", email: string) => {
  await page.goto(env.web.origin);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Sign in for development" }).click();
  const prompt = page.getByRole("textbox", { name: /Prompt/ });
  await prompt.fill(PROMPT);
  await prompt.press("Enter");
  const position = page.getByTestId("variant-position");
  await expect(position.textContent({ timeout: 60_000 })).resolves.toBe("1 / 3");
  // Generations go to History; the toast no longer claims the library.
  await page.getByText("Generated 3 variants. In History; Keep adds it to your Library.").waitFor();

  // Focus moved to the result: the picker's shown variant, named for screen readers.
  const picker = page.getByRole("radiogroup", { name: "Compare variants" });
  const radios = picker.getByRole("radio");
  await expect(radios.count()).resolves.toBe(3);
  await expect.poll(() => isFocused(picker.getByRole("radio", { name: "Variant 1 of 3" })), POLL).toBe(true);
  await settled(page);
  await expectAccessible(page, `compare ${screen}`);
  await page.screenshot({ path: path.join(SCREENSHOTS, `compare-${screen}.png`) });

  // All three side by side: one row, left to right, none overlapping, all inside the viewport.
  const viewport = page.viewportSize();
  if (!viewport) throw new Error("the page has no viewport size");
  const cards = page.getByTestId("variant-compare").locator("[data-variant]");
  const boxes = await Promise.all([0, 1, 2].map((i) => boxOf(cards.nth(i))));
  for (const [i, box] of boxes.entries()) {
    expect(Math.abs(box.y - (boxes[0]?.y ?? 0))).toBeLessThan(1);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    const next = boxes[i + 1];
    if (next) expect(box.x + box.width).toBeLessThanOrEqual(next.x);
  }
  // Above the fold with the prompt box: on a phone, above the fixed bottom bar too.
  const fold =
    screen === "phone" ? (await boxOf(page.getByRole("navigation", { name: "Panels" }))).y : viewport.height;
  const pickerBox = await boxOf(picker);
  expect(pickerBox.y + pickerBox.height).toBeLessThanOrEqual(fold);
  expect((await boxOf(prompt)).y).toBeGreaterThanOrEqual(0);

  // Each variant at exactly 16, 24 and 32 CSS px, drawn from its SVG, on a light and a dark strip.
  for (let i = 0; i < 3; i++) {
    const card = cards.nth(i);
    for (const tone of ["light", "dark"] as const) {
      const strip = card.locator(`[data-strip=${tone}]`);
      expect(await stripImages(strip)).toEqual(
        [16, 24, 32].map((px) => ({ width: px, height: px, decoded: true, svg: true })),
      );
      const light = luminance(await backgroundRgb(strip));
      if (tone === "light") expect(light).toBeGreaterThan(0.8);
      else expect(light).toBeLessThan(0.3);
    }
  }

  // Keyboard only: the arrow key picks variant 2, which the stage then shows and marks.
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => position.textContent(), POLL).toBe("2 / 3");
  await page.getByRole("img", { name: new RegExp(`Variant 2 of 3: ${PROMPT}`) }).waitFor();
  const second = picker.getByRole("radio", { name: "Variant 2 of 3" });
  await expect(second.isChecked()).resolves.toBe(true);
  await expect(isFocused(second)).resolves.toBe(true);
  // Marked by a word as well as colour, on the chosen card only.
  await expect(cards.nth(1).getByText("✓ Shown").count()).resolves.toBe(1);
  await expect(page.getByTestId("variant-compare").getByText("✓ Shown").count()).resolves.toBe(1);
  // `]` and `[` work from the picker too, and focus follows the shown variant.
  await page.keyboard.press("]");
  await expect.poll(() => position.textContent(), POLL).toBe("3 / 3");
  await expect.poll(() => isFocused(picker.getByRole("radio", { name: "Variant 3 of 3" })), POLL).toBe(true);
  await page.keyboard.press("[");
  await expect.poll(() => position.textContent(), POLL).toBe("2 / 3");

  // `d` downloads the shown variant, the second, through icon-kit's export (the same file the API
  // exports for that variant, and not the first's); the name is the prompt's, as in the export dialog.
  const [stored] = await listIcons(page);
  const svg = await downloadBytes(page, () => page.keyboard.press("d"));
  expect(svg.name).toBe("arc-through-three-points.svg");
  const exported = async (variant: number) => {
    const res = await page
      .context()
      .request.get(`${env.api.url}/icons/${stored?.id}/export?variant=${variant}`);
    expect(res.status()).toBe(200);
    return res.text();
  };
  const [asFirst, asSecond] = await Promise.all([exported(0), exported(1)]);
  expect(asFirst).not.toBe(asSecond);
  expect(svg.bytes.toString("utf8")).toBe(asSecond);

  // The icon actions sit outside the drawing, hovered or not.
  const toolbar = page.getByRole("toolbar", { name: "Icon actions" });
  const icon = page.getByRole("img", { name: /Variant 2 of 3/ });
  expect(intersects(await boxOf(toolbar), await boxOf(icon))).toBe(false);
  await icon.hover();
  expect(intersects(await boxOf(toolbar), await boxOf(icon))).toBe(false);

  // Keep: the toggle turns to Kept, and the icon is in the library (History had it already).
  const library = async () => {
    const res = await page.context().request.get(`${env.api.url}/icons?view=library`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
  };
  await expect(library()).resolves.toEqual([]);
  await toolbar.getByRole("button", { name: "Keep" }).click();
  const kept = toolbar.getByRole("button", { name: "Kept" });
  await kept.waitFor();
  await expect(kept.getAttribute("aria-pressed")).resolves.toBe("true");
  await expect(library()).resolves.toEqual([stored?.id]);
  await page.mouse.move(0, 0);
  await settled(page);
  await expectAccessible(page, `compare ${screen}, kept`);
};

describe("compare and pick", () => {
  it("at a desktop size", async () => {
    const { context, page } = await newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await comparePickAndKeep(page, "desktop", "e2e.compare.desktop@example.test");
    await context.close();
  }, 90_000);

  it("at a phone size", async () => {
    const { context, page } = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await comparePickAndKeep(page, "phone", "e2e.compare.phone@example.test");
    await context.close();
  }, 90_000);
});
