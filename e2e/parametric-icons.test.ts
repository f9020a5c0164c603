import { randomBytes } from "node:crypto";
import path from "node:path";
import { waitFor } from "@parametric-portal/test-support/processes";
import { describe, expect, it } from "vitest";
import { chooseExport, pngDimensions } from "./support/exports";
import { type ApiIcon, downloadBytes, expectAccessible, SCREENSHOTS, setupE2e } from "./support/harness";

/**
 * A designer's whole session in the production build against the real API, driven by Debian's
 * Chromium: generate, step, refine, reference, export, library, account, phone, sign-out.
 */

const { env, newPage, listIcons } = setupE2e();

describe("parametric icons web app", () => {
  it("generates, steps, refines, exports, deletes and signs out", async () => {
    const { context, page } = await newPage();
    await page.goto(env.web.origin);
    await page.getByRole("button", { name: "Sign in for development" }).waitFor();
    await expectAccessible(page, "signed out");

    await page.getByRole("textbox", { name: "Email" }).fill("e2e.designer@example.test");
    await page.getByRole("button", { name: "Sign in for development" }).click();
    const prompt = page.getByRole("textbox", { name: /Prompt/ });
    await prompt.waitFor();

    // Create: three variants from the local engine, submitted with Enter.
    await prompt.fill("arc through three points");
    await prompt.press("Enter");
    const position = page.getByTestId("variant-position");
    await expect(position.textContent({ timeout: 60_000 })).resolves.toBe("1 / 3");
    await page.getByRole("img", { name: /Variant 1 of 3: arc through three points/ }).waitFor();
    await expectAccessible(page, "workspace");

    await page.getByRole("button", { name: "Next variant" }).click();
    await expect(position.textContent()).resolves.toBe("2 / 3");
    await page.locator("body").press("]");
    await expect(position.textContent()).resolves.toBe("3 / 3");
    await page.getByTestId("variant-compare").locator("[data-variant='1']").click();
    await expect(position.textContent()).resolves.toBe("1 / 3");

    // Keyboard only: past the variant picker, Tab reaches the icon actions below the stage.
    const toolbar = page.getByRole("toolbar", { name: "Icon actions" });
    const toolbarOpacity = () => toolbar.evaluate((el) => getComputedStyle(el).opacity);
    await page.mouse.move(1, 1);
    await page.getByRole("radio", { name: "Auto" }).focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe("Use as reference");
    await expect.poll(toolbarOpacity).toBe("1");
    // Escape closes a drawer and hands focus back to its rail tab.
    await page.keyboard.press("3");
    await page.getByRole("searchbox", { name: "Search your icons" }).focus();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("complementary").count()).resolves.toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-tab")))
      .toBe("library");
    // Glyph-only buttons show their name in a tooltip on keyboard focus (past Session, Sets and Account).
    // A tooltip closes when its trigger scrolls: start where the prompt is in view, as the Tab from
    // the icon actions below the stage left the page scrolled down.
    await page.locator("main").evaluate((m) => m.scrollTo(0, 0));
    for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
    await page.getByRole("tooltip", { name: "Add SVG style reference" }).waitFor();
    await page.getByRole("button", { name: "Safe area" }).click();
    // Hovering the stage shows its action toolbar.
    await page.getByRole("img", { name: /Variant 1 of 3/ }).hover();
    await expect.poll(toolbarOpacity).toBe("1");
    await page.screenshot({ path: path.join(SCREENSHOTS, "workspace.png") });

    // Style references: a valid SVG is attached once; a duplicate and a non-SVG are refused with a toast.
    const reference =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><g id="Primary"><path d="M4 28L28 4"/></g></svg>';
    const files = page.locator("input[type=file]");
    await files.setInputFiles({
      name: "line.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from(reference),
    });
    await page.getByRole("list", { name: "Style references" }).getByText("line.svg").waitFor();
    await files.setInputFiles([
      { name: "again.svg", mimeType: "image/svg+xml", buffer: Buffer.from(reference) },
      { name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50]) },
    ]);
    await page.getByText("photo.png is not an SVG file. Choose a .svg file.").waitFor();
    await page.getByText("again.svg is already attached.").waitFor();
    await expect(
      page.getByRole("list", { name: "Style references" }).getByRole("listitem").count(),
    ).resolves.toBe(1);

    // Refine the shown icon: the result links to its parent.
    await page
      .getByRole("radio", { name: "Refine" })
      .or(page.getByRole("button", { name: "Refine", exact: true }))
      .first()
      .click();
    await prompt.fill("make the arc larger");
    await prompt.press("Enter");
    await page
      .getByText(/Refined: .+ → .+\. In History; Keep adds it to your Library\./)
      .waitFor({ timeout: 60_000 });
    const icons = await listIcons(page);
    expect(icons.map((i) => i.prompt)).toEqual(["make the arc larger", "arc through three points"]);
    const [refined, original] = icons as [ApiIcon, ApiIcon];
    expect(refined.parentId).toBe(original.id);
    expect(refined.intent).toBe("refine");

    // The Inspector leads from a refinement back to its parent.
    await page.getByRole("button", { name: "Inspector" }).click();
    await page.getByRole("button", { name: "Open the icon this was refined from" }).click();
    await page.getByRole("img", { name: /Variant 1 of 3: arc through three points/ }).waitFor();

    // Library: only kept icons, so keep both from History first; clicking a tile opens it (never deletes).
    await page.getByRole("button", { name: "History", exact: true }).click();
    for (const name of ["make the arc larger", "arc through three points"]) {
      const kept = page.waitForResponse((r) => r.url().endsWith("/keep") && r.ok());
      await page.getByRole("button", { name: `Keep ${name}` }).click();
      await kept;
    }
    await page.getByRole("button", { name: "Library" }).click();
    const library = page.getByTestId("library-list");
    await library.getByRole("row", { name: "arc through three points" }).click();
    await page.getByRole("img", { name: /Variant 1 of 3: arc through three points/ }).waitFor();
    await expect(library.getByRole("row").count()).resolves.toBe(2);
    await expectAccessible(page, "library drawer");
    // Thumbnails are real, decoded images (an SVG that failed to load has no natural size).
    const sizes = await library
      .locator("img")
      .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(sizes.map((n) => n > 0)).toEqual([true, true, true, true]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "library.png") });

    // Download SVG: the variant the server stored, optimised by icon-kit, named after the icon.
    const svg = await downloadBytes(page, () => page.getByRole("button", { name: "Download SVG" }).click());
    expect(svg.name).toBe("arc-through-three-points.svg");
    const svgText = svg.bytes.toString("utf8");
    expect(svgText).toMatch(/^<svg[^>]*>\s*<title>arc through three points<\/title>/);
    // Layer ids are kept, prefixed with the file's stem so several icons can share a page.
    expect(svgText).toMatch(/<g id="arc-through-three-points--[^"]*Primary"/);

    // Copy SVG puts the same text on the clipboard.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.web.origin });
    await page.getByRole("button", { name: "Copy SVG" }).click();
    await page.getByText("SVG copied to the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(original.variants[0]?.svg);

    // PNG export through the Export dialog, at two sizes, then a ZIP.
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export “arc through three points”" });
    await dialog.waitFor();
    for (const size of [128, 512]) {
      await chooseExport(page, { format: "PNG", size });
      const png = await downloadBytes(page, () => dialog.getByRole("button", { name: "Download" }).click());
      expect(png.name).toBe(`arc-through-three-points-${size}.png`);
      expect(pngDimensions(new Uint8Array(png.bytes))).toEqual({ width: size, height: size });
    }
    await chooseExport(page, { format: "ZIP", size: 32 });
    const zip = await downloadBytes(page, () => dialog.getByRole("button", { name: "Download" }).click());
    expect(zip.name).toBe("arc-through-three-points.zip");
    expect(zip.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // A library icon as a style reference, then the Inspector showing the SVG source as text.
    await library.getByRole("button", { name: "Use arc through three points as style reference" }).click();
    await page
      .getByRole("list", { name: "Style references" })
      .getByText("arc through three points.svg")
      .waitFor();
    await page.getByRole("button", { name: "Inspector" }).click();
    await expect(page.getByRole("textbox", { name: /SVG source/ }).inputValue()).resolves.toBe(
      original.variants[0]?.svg,
    );
    await page.getByRole("button", { name: "Library" }).click();

    // A hostile upload is shown only as an image: its script and handlers never run.
    const hostile =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><script>window.__pwned=1</script>' +
      '<image href="x" onerror="window.__pwned=2"/><path d="M4 4L28 28"/></svg>';
    await files.setInputFiles({
      name: "hostile.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from(hostile),
    });
    await page.getByRole("list", { name: "Style references" }).getByText("hostile.svg").waitFor();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.getByRole("button", { name: "Remove reference hostile.svg" }).click();

    // Search narrows the library.
    await page.getByRole("searchbox", { name: "Search your icons" }).fill("larger");
    await expect
      .poll(() => library.getByRole("row").allTextContents())
      .toEqual([expect.stringContaining("make the arc larger")]);
    await page.getByRole("searchbox", { name: "Search your icons" }).fill("");
    await expect.poll(() => library.getByRole("row").count()).toBe(2);

    // Delete with confirmation.
    await library.getByRole("button", { name: "Delete make the arc larger" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await page.getByText("Deleted “make the arc larger”.").waitFor();
    await expect.poll(() => library.getByRole("row").count()).toBe(1);
    expect((await listIcons(page)).map((i) => i.prompt)).toEqual(["arc through three points"]);

    // History comes from the server: after a reload it still lists the saved icon.
    await page.reload();
    await page.getByRole("button", { name: "History", exact: true }).click();
    const recent = page.getByRole("list", { name: "Recent icons" });
    await expect
      .poll(() => recent.getByRole("listitem").allTextContents())
      .toEqual([expect.stringContaining("arc through three points")]);

    // The account screen in the dark system theme.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByRole("button", { name: "Account: e2e.designer@example.test" }).click();
    await page.getByTestId("account-email").waitFor();
    await expectAccessible(page, "account");

    // API keys: added keys are listed masked, never in full; deleting asks first.
    const secret = `sk-ant-e2e-${randomBytes(16).toString("hex")}`;
    await page.getByRole("textbox", { name: "Name" }).fill("work");
    await page.getByLabel("Key", { exact: true }).fill(secret);
    await page.getByRole("button", { name: "Save key" }).click();
    const keys = page.getByRole("list", { name: "Stored API keys" });
    await keys.getByText(`sk-ant-…${secret.slice(-4)}`).waitFor();
    expect(await keys.textContent()).not.toContain(secret);
    await keys.getByRole("button", { name: "Delete key work" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete key" }).click();
    await page.getByText("No keys stored.", { exact: false }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "account.png") });

    // On a phone the drawer covers the stage, so opening an icon from it closes the drawer.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "History", exact: true }).click();
    // While the drawer covers the stage, what lies under it is out of reach of focus and readers.
    expect(await page.locator("main").evaluate((m) => (m as HTMLElement).inert)).toBe(true);
    await recent.getByRole("button", { name: /^arc through three points/ }).click();
    await page.getByRole("img", { name: /Variant 1 of 3: arc through three points/ }).waitFor();
    await expect(page.getByRole("complementary").count()).resolves.toBe(0);
    await expectAccessible(page, "phone workspace");
    // Toasts can be dismissed; the phone screenshot shows the stage without them.
    const dismiss = page.getByRole("button", { name: "Dismiss notification" });
    // Newest first: on phones older ones are hidden. A toast may also time out mid-loop, so a
    // failed click is retried on the next round.
    await waitFor(
      async () => {
        if ((await dismiss.count()) === 0) return true;
        await dismiss
          .last()
          .click({ timeout: 2000 })
          .catch(() => {});
        return false;
      },
      "every toast to be dismissed",
      20_000,
      0,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, "phone.png") });

    // Sign out: local state (the unsent draft too) is cleared and a reload stays signed out.
    await prompt.fill("an unsent draft");
    await page.getByRole("button", { name: "Account: e2e.designer@example.test" }).click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.getByRole("button", { name: "Sign in for development" }).waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await page.reload();
    await page.getByRole("button", { name: "Sign in for development" }).waitFor();
    expect((await page.context().request.get(`${env.api.url}/icons`)).status()).toBe(401);
    await context.close();
  }, 150_000);
});
