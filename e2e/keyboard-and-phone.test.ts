import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, SCREENSHOTS, setupE2e } from "./support/harness";

/**
 * The fixes from the keyboard and phone walk: drawers reached and left by keyboard alone, focus
 * after signing in and out, a phone layout whose toasts and options stay out of the way, and
 * style references that say what the sanitiser removed.
 */

const { env, newPage } = setupE2e();

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const box = async (locator: Locator): Promise<Box> => {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} has no box: it is not rendered`);
  return found;
};

const intersects = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Sums layout shifts from the first paint on, as Chromium reports them (the CLS inputs). */
const recordLayoutShifts = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { __shifts: number[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__shifts.push((entry as unknown as { value: number }).value);
    }).observe({ type: "layout-shift", buffered: true });
  });

const layoutShift = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts.reduce((a, b) => a + b, 0));

/** What has focus, described: its tag, text, the drawer it is in and the rail tab it is. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? null,
      text: el?.textContent?.trim() ?? null,
      drawer: el?.closest("[data-drawer]")?.getAttribute("aria-label") ?? null,
      tab: el?.getAttribute("data-tab") ?? null,
    };
  });

const signInForDevelopment = async (page: Page, email: string) => {
  await page.getByRole("button", { name: "Sign in for development" }).waitFor();
  const field = page.getByRole("textbox", { name: "Email" });
  await field.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(email);
  // Enter submits the form: no pointer involved.
  await page.keyboard.press("Enter");
  await page.getByRole("textbox", { name: /Prompt/ }).waitFor();
};

describe("keyboard and phone walk", () => {
  it("reaches and leaves every drawer by keyboard, and lands on the heading after sign-in and sign-out", async () => {
    const { context, page } = await newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await recordLayoutShifts(page);
    await page.goto(env.web.origin);
    // The providers arrive after the first paint; the card must not move when they do.
    await page.getByRole("button", { name: "Continue with Google" }).waitFor();
    await page.getByRole("button", { name: "Sign in for development" }).waitFor();
    expect(await layoutShift(page)).toBe(0);
    await expectAccessible(page, "signed out (desktop)");

    await signInForDevelopment(page, "walk.keys@example.test");
    await expect
      .poll(() => focused(page))
      .toMatchObject({ tag: "h1", text: "Parametric Icons", drawer: null });
    // Desktop keeps the generation options inline.
    await page.getByRole("radiogroup", { name: "Engine" }).waitFor();
    expect(await page.getByRole("button", { name: /^Options/ }).count()).toBe(0);

    // Every rail tab with a key, read from the page so a new tab is covered without editing this.
    const tabs = await page
      .getByRole("navigation", { name: "Panels" })
      .locator("[data-key]")
      .evaluateAll((els) =>
        els.map((el) => ({
          key: el.getAttribute("data-key") ?? "",
          id: el.getAttribute("data-tab") ?? "",
          label: el.textContent?.trim() ?? "",
        })),
      );
    expect(tabs.slice(0, 4).map((t) => t.key)).toEqual(["1", "2", "3", "4"]);
    for (const tab of tabs) {
      await page.keyboard.press(tab.key);
      await page.getByRole("complementary", { name: tab.label }).waitFor();
      await expect.poll(() => focused(page)).toMatchObject({ drawer: tab.label });
      await expectAccessible(page, `${tab.label} drawer`);
      await page.keyboard.press("Escape");
      await expect.poll(() => page.getByRole("complementary").count()).toBe(0);
      await expect.poll(() => focused(page)).toMatchObject({ tab: tab.id });
    }

    // A search field holding text takes Escape to clear itself; the drawer still closes in one press.
    await page.keyboard.press("3");
    const search = page.getByRole("searchbox", { name: "Search your icons" });
    await search.waitFor();
    for (let i = 0; i < 10 && !(await search.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("bracket");
    expect(await search.inputValue()).toBe("bracket");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("complementary").count()).toBe(0);
    await expect.poll(() => focused(page)).toMatchObject({ tab: "library" });

    // The same with a tooltip showing (the close button's, on keyboard focus).
    await page.keyboard.press("1");
    await expect.poll(() => focused(page)).toMatchObject({ drawer: "History" });
    await page.keyboard.press("Tab");
    await page.getByRole("tooltip", { name: "Close (Esc)" }).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("complementary").count()).toBe(0);
    await expect.poll(() => focused(page)).toMatchObject({ tab: "history" });

    // Pressing a panel's key again closes it and also hands focus back to its tab.
    await page.keyboard.press("4");
    await expect.poll(() => focused(page)).toMatchObject({ drawer: "Session" });
    await page.keyboard.press("4");
    await expect.poll(() => page.getByRole("complementary").count()).toBe(0);
    await expect.poll(() => focused(page)).toMatchObject({ tab: "session" });

    // Sign out by keyboard: the account tab, then Sign out (an ordinary button, not a red one).
    await page.getByRole("button", { name: "Account: walk.keys@example.test" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ drawer: "Account" });
    const signOut = page.getByRole("button", { name: "Sign out", exact: true });
    expect(await signOut.getAttribute("class")).not.toMatch(/bg-red/);
    await signOut.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Sign in for development" }).waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h1", text: "Parametric Icons" });
    await context.close();
  }, 120_000);

  it("keeps the prompt, the compared variants and the stage above the fold on a phone, with toasts and options out of the way", async () => {
    const { context, page } = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await recordLayoutShifts(page);
    await page.goto(env.web.origin);
    await page.getByRole("button", { name: "Continue with Google" }).waitFor();
    await page.getByRole("button", { name: "Sign in for development" }).waitFor();
    expect(await layoutShift(page)).toBe(0);
    await expectAccessible(page, "signed out (phone)");
    await signInForDevelopment(page, "walk.phone@example.test");

    const prompt = page.getByRole("textbox", { name: /Prompt/ });
    // The placeholder fits the box, in both modes.
    const placeholderFits = () =>
      prompt.evaluate((el) => {
        const input = el as HTMLInputElement;
        const style = getComputedStyle(input);
        const context = document.createElement("canvas").getContext("2d");
        if (!context) throw new Error("no 2D canvas to measure text with");
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room =
          input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
        return {
          placeholder: input.placeholder,
          scrolls: input.scrollWidth > input.clientWidth,
          fits: context.measureText(input.placeholder).width <= room,
          room,
          width: context.measureText(input.placeholder).width,
        };
      });
    expect(await placeholderFits()).toMatchObject({ scrolls: false, fits: true });

    // The options live in a sheet on phones.
    const options = page.getByRole("button", { name: /^Options/ });
    expect(await page.getByRole("radiogroup", { name: "Engine" }).count()).toBe(0);
    await options.click();
    const sheet = page.getByRole("dialog", { name: "Generation options" });
    await sheet.waitFor();
    await expectAccessible(page, "options sheet");
    // The sheet holds controls too: it ends above where toasts stack up (with or without one showing).
    const toastsTop = await page
      .getByRole("region", { name: "Notifications" })
      .evaluate((el) => el.getBoundingClientRect().top);
    const sheetBox = await box(sheet);
    expect(sheetBox.y + sheetBox.height).toBeLessThanOrEqual(toastsTop);
    await page.screenshot({ path: path.join(SCREENSHOTS, "phone-options.png") });
    await sheet.getByRole("radio", { name: "Refine" }).click();
    await sheet.getByRole("button", { name: "Done" }).click();
    await sheet.waitFor({ state: "hidden" });
    await expect.poll(() => options.textContent()).toContain("Refine");
    expect(await placeholderFits()).toMatchObject({ scrolls: false, fits: true });
    await options.click();
    await sheet.waitFor();
    await sheet.getByRole("radio", { name: "Create" }).click();
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "hidden" });
    await expect.poll(() => options.textContent()).toContain("Create");

    await prompt.fill("arc through three points");
    await prompt.press("Enter");
    await expect(page.getByTestId("variant-position").textContent({ timeout: 60_000 })).resolves.toBe(
      "1 / 3",
    );
    await page.evaluate(() => window.scrollTo(0, 0));

    const form = page.locator("form").filter({ has: prompt });
    const generate = page.getByRole("button", { name: "Generate" });
    const stage = page.getByRole("img", { name: /Variant 1 of 3/ });
    const rail = page.getByRole("navigation", { name: "Panels" });
    // The picker is the compare row above the stage (the ‹ › bar under it only steps). On a phone
    // its cards hold the toolbar strips only, so prompt, picker and the whole stage sit above the
    // bottom rail without a scroll.
    const railTop = (await box(rail)).y;
    const compare = page.getByRole("radiogroup", { name: "Compare variants" });
    const variants = page.getByRole("navigation", { name: "Variants" });
    for (const [name, part] of [
      ["prompt box", form],
      ["compare picker", compare],
      ["stage", stage],
    ] as const) {
      const b = await box(part);
      expect({ name, above: b.y + b.height <= railTop }).toEqual({ name, above: true });
    }

    // The toast that reports the generation covers none of the controls it could land on.
    const toast = page.locator("[data-toast]:visible").last();
    await toast.waitFor();
    const toastBox = await box(toast);
    for (const [name, part] of [
      ["prompt box", form],
      ["Generate button", generate],
      ["bottom rail", rail],
      ["variant stepper", variants],
      ["compare picker", compare],
    ] as const) {
      expect({ name, covered: intersects(toastBox, await box(part)) }).toEqual({ name, covered: false });
    }
    await expectAccessible(page, "phone workspace");
    await page.screenshot({ path: path.join(SCREENSHOTS, "phone-fold.png") });

    // A reference with a script is attached cleaned, and says what was removed.
    const files = page.locator("input[type=file]");
    await files.setInputFiles({
      name: "scripted.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" onload="window.__ran=1">' +
          '<script>window.__ran=2</script><path d="M4 4L28 28" onclick="window.__ran=3"/></svg>',
      ),
    });
    const references = page.getByRole("list", { name: "Style references" });
    await references.getByText("scripted.svg").waitFor();
    await expect
      .poll(() => references.getByTestId("reference-removed").textContent())
      .toBe("script and 2 event handlers removed");
    await page
      .getByText(
        "scripted.svg attached; script and 2 event handlers removed (only drawing elements are kept).",
      )
      .waitFor();
    // One that has nothing left once cleaned is refused, saying why.
    await files.setInputFiles({
      name: "only-script.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>window.__ran=4</script></svg>'),
    });
    await page
      .getByText(
        "only-script.svg has nothing left to draw once script is removed, so it cannot be a style reference.",
        { exact: false },
      )
      .waitFor();
    expect(await references.getByRole("listitem").count()).toBe(1);
    expect(await page.evaluate(() => (window as { __ran?: number }).__ran)).toBeUndefined();
    await expectAccessible(page, "phone workspace with a cleaned reference");
    await context.close();
  }, 120_000);
});
