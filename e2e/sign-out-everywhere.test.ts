import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { setupE2e } from "./support/harness";

/** "Sign out everywhere" in the account panel ends every session of the user, and only theirs. */

const { env, newPage } = setupE2e();

const signInWithGoogle = async (
  sub: string,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> => {
  env.google.identity = { sub, email, emailVerified: true, name: email };
  const signedIn = await newPage();
  await signedIn.page.goto(env.web.origin);
  await signedIn.page.getByRole("button", { name: "Continue with Google" }).click();
  await signedIn.page.getByText("Signed in with google.").waitFor();
  return signedIn;
};

/** 200 with a user when the context's session is live; a dropped cookie (200, no user) or a dead one (401) is signed out. */
const meStatus = async (context: BrowserContext): Promise<"signed in" | "signed out"> => {
  const response = await context.request.get(`${env.api.url}/auth/me`);
  if (response.status() === 401) return "signed out";
  expect(response.status()).toBe(200);
  return ((await response.json()) as { user: unknown }).user === null ? "signed out" : "signed in";
};

describe("sign out everywhere", () => {
  it("asks first, then ends the sessions on both devices and returns to sign-in; another user stays in", async () => {
    const laptop = await signInWithGoogle("g-everywhere", "everywhere@example.test");
    const phone = await signInWithGoogle("g-everywhere", "everywhere@example.test");
    const stranger = await signInWithGoogle("g-stranger", "stranger@example.test");
    expect(await meStatus(phone.context)).toBe("signed in");

    const { page } = laptop;
    await page.getByRole("button", { name: "Account: everywhere@example.test" }).click();
    const button = page.getByRole("button", { name: "Sign out everywhere" });
    // A considered action, not a destructive one: styled like the other secondary buttons.
    expect(await button.getAttribute("class")).not.toMatch(/bg-red/);
    await button.click();
    const dialog = page.getByRole("alertdialog", { name: "Sign out everywhere?" });
    await dialog.waitFor();
    // Cancelling changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await meStatus(phone.context)).toBe("signed in");

    await button.click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await page.getByRole("button", { name: "Continue with Google" }).waitFor();
    await expect
      .poll(() => page.locator("[data-toast]").allTextContents())
      .toContainEqual(expect.stringContaining("Signed out on every device."));
    expect(await meStatus(laptop.context)).toBe("signed out");
    expect(await meStatus(phone.context)).toBe("signed out");
    expect(await meStatus(stranger.context)).toBe("signed in");
    for (const device of [laptop, phone, stranger]) await device.context.close();
  }, 90_000);
});
