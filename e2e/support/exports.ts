import { decode } from "fast-png";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
export const pngDimensions = (bytes: Uint8Array): { width: number; height: number } => {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error("not a PNG file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

/** How many pixels of a PNG are not fully transparent. */
export const paintedPixels = (bytes: Uint8Array): number => {
  const image = decode(bytes);
  if (image.channels !== 4) return image.width * image.height;
  let painted = 0;
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i] !== 0) painted++;
  return painted;
};

export const unzip = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
export const text = (bytes: Uint8Array): string => strFromU8(bytes);

/** Picks options in the open export dialog, by keyboard only. */
export const chooseExport = async (
  page: Page,
  options: { format: string; colors?: string; size?: number; optical?: boolean },
): Promise<void> => {
  const dialog = page.getByRole("dialog");
  const pick = async (group: string, name: string) => {
    const radio = dialog.getByRole("radiogroup", { name: group }).getByRole("radio", { name, exact: true });
    await radio.focus();
    await page.keyboard.press("Space");
    if (!(await radio.isChecked())) throw new Error(`${group} ${name} was not selected`);
  };
  await pick("Format", options.format);
  if (options.colors) await pick("Colours", options.colors);
  if (options.size !== undefined) {
    await dialog.getByRole("button", { name: /Size/ }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("option", { name: `${options.size} px`, exact: true }).focus();
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: new RegExp(`(^|\\s)${options.size} px`) }).waitFor();
  }
  if (options.optical !== undefined) {
    const box = dialog.getByRole("checkbox", { name: /Optical size/ });
    if ((await box.isChecked()) !== options.optical) {
      await box.focus();
      await page.keyboard.press("Space");
    }
  }
};
