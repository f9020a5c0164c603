import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/**
 * Keyboard steps through the workbench, shared by the flow tests: a user who signs in, types
 * prompts, uses the single-key shortcuts and presses focused controls.
 */

/** Keyboard only: focus the control, then press the key a keyboard user would. */
export const press = async (page: Page, target: Locator, key = "Enter"): Promise<void> => {
  // A disabled control takes no focus, so the key would go to whatever had it: wait until the
  // control is enabled (the export dialog's Download, while the set's icons are still loading).
  const handle = await target.elementHandle();
  try {
    await handle?.waitForElementState("enabled");
  } finally {
    await handle?.dispose();
  }
  await target.focus();
  await page.keyboard.press(key);
};

/** Shortcuts are ignored while typing, so leave the text field first. */
export const shortcut = async (page: Page, key: string): Promise<void> => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
};

export const isFocused = (locator: Locator): Promise<boolean> =>
  locator.evaluate((el) => el === document.activeElement);

/** Development sign-in: type the email, press Enter, wait for the prompt box. */
export const signIn = async (page: Page, origin: string, email: string): Promise<void> => {
  await page.goto(origin);
  const box = page.getByRole("textbox", { name: "Email" });
  await box.fill(email);
  await box.press("Enter");
  await page.getByRole("textbox", { name: /Prompt/ }).waitFor();
};

/**
 * Generates from the prompt box reached by `/`, typed key by key, and waits until the stage shows
 * variant 1 and the variant picker has taken focus (it does after every generation).
 */
export const generate = async (page: Page, prompt: string, timeout = 60_000): Promise<void> => {
  await shortcut(page, "/");
  const box = page.getByRole("textbox", { name: /Prompt/ });
  await expect.poll(() => isFocused(box)).toBe(true);
  await page.keyboard.type(prompt);
  await page.keyboard.press("Enter");
  await page.getByRole("img", { name: new RegExp(`^Variant 1 of \\d+: ${prompt}$`) }).waitFor({ timeout });
  const picker = page.getByRole("radiogroup", { name: "Compare variants" });
  await expect.poll(() => isFocused(picker.getByRole("radio", { name: /^Variant 1 of/ }))).toBe(true);
};

/** Colour transitions (a pressed button turning blue) settled, so axe reads the final colours. */
export const settled = (page: Page): Promise<unknown> =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished),
    ),
  );

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const boxOf = async (locator: Locator): Promise<Box> => {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`expected ${locator} to be rendered with a box`);
  return box;
};

export const intersects = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Laid-out size and decode state of every <img> under a locator. */
export const imageSizes = (images: Locator) =>
  images.evaluateAll((els) =>
    els.map((el) => {
      const img = el as HTMLImageElement;
      const box = img.getBoundingClientRect();
      return { width: box.width, height: box.height, decoded: img.complete && img.naturalWidth > 0 };
    }),
  );
