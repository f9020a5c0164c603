import { describe, expect, it } from "vitest";
import { setupE2e } from "./support/harness";

/** The first, signed-out load: what paints before the script, and what the page asks the API. */

const { env, newPage } = setupE2e();

describe("the first load of the web app", () => {
  it("paints the restoring screen from index.html alone, before any script runs", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.web.origin);
    await expect(page.locator("#root main[aria-busy=true]").textContent()).resolves.toBe(
      "Restoring your session…",
    );
    await context.close();
  }, 60_000);

  it("asks for the session once (the preload is the app's own request) and logs no console error", async () => {
    const { context, page } = await newPage();
    const sessionRequests: string[] = [];
    const consoleErrors: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/auth/me") sessionRequests.push(request.url());
    });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto(env.web.origin);
    // The providers arrive after the session answered, so by now the app has made its own request.
    await page.getByRole("button", { name: "Continue with Google" }).waitFor();
    expect(sessionRequests).toEqual([`${env.api.url}/auth/me`]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 60_000);
});
