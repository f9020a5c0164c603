import { describe, expect, it } from "vitest";
import { setupE2e } from "./support/harness";

/** Signing in through an OAuth provider, session restore, and sessions that end elsewhere. */

const { env, newPage } = setupE2e();

describe("signing in to the web app", () => {
  it("signs in through an OAuth provider and comes straight back into the app", async () => {
    env.google.identity = {
      sub: "g-1",
      email: "oauth.user@example.test",
      emailVerified: true,
      name: "OAuth User",
    };
    const { context, page } = await newPage();
    await page.goto(env.web.origin);
    await page.getByRole("button", { name: "Continue with Google" }).click();
    await page.getByText("Signed in with google.").waitFor();
    expect(new URL(page.url()).search).toBe("");
    await page.getByRole("button", { name: "Account: oauth.user@example.test" }).click();
    await expect(page.getByTestId("account-email").textContent()).resolves.toBe("oauth.user@example.test");
    // Session restore: a reload keeps the user signed in.
    await page.reload();
    const prompt = page.getByRole("textbox", { name: /Prompt/ });
    await prompt.waitFor();

    // Signed out elsewhere (another tab): the next generation says so once and shows sign-in.
    const me = (await (await context.request.get(`${env.api.url}/auth/me`)).json()) as { csrfToken: string };
    const logout = await context.request.post(`${env.api.url}/auth/logout`, {
      headers: { "x-csrf-token": me.csrfToken },
    });
    expect(logout.ok()).toBe(true);
    await prompt.fill("measure angle");
    await prompt.press("Enter");
    await page.getByRole("button", { name: "Continue with Google" }).waitFor();
    await expect
      .poll(() => page.locator("[data-toast]").allTextContents())
      .toEqual([expect.stringContaining("Your session ended.")]);
    await context.close();
  }, 60_000);

  it("explains a failed provider sign-in and cleans the address", async () => {
    const { context, page } = await newPage();
    await page.goto(`${env.web.origin}/?authError=access_denied`);
    await page.getByText("Sign-in was cancelled at the provider. Try again when you are ready.").waitFor();
    expect(new URL(page.url()).search).toBe("");
    await page.getByRole("button", { name: "Continue with Google" }).waitFor();
    await context.close();
  }, 60_000);
});
