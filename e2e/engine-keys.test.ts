import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, SCREENSHOTS, setupE2e } from "./support/harness";

/**
 * Saved keys are checked with Anthropic (the fake Messages API) and the account panel says what
 * it answered; the Claude engine option is off, with its reason, until a key is available.
 */

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake?.close();
});
const { env, newPage } = setupE2e({
  apiEnv: () => ({ ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_KEY_CHECK_TIMEOUT_MS: "1000" }),
});

const unique = () => `${Date.now()}.${randomBytes(4).toString("hex")}`;

const signedIn = async (email: string): Promise<Page> => {
  const { page } = await newPage();
  await page.goto(env.web.origin);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Sign in for development" }).click();
  await page.getByRole("textbox", { name: /Prompt/ }).waitFor();
  return page;
};

/** The text of the elements an element's aria-describedby points at. */
const descriptionOf = (page: Page, name: string) =>
  page.getByRole("radio", { name }).evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

const saveKey = async (page: Page, name: string) => {
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByLabel("Key", { exact: true }).fill(`sk-ant-e2e-${randomBytes(16).toString("hex")}`);
  await page.getByRole("button", { name: "Save key" }).click();
  const item = page
    .getByRole("list", { name: "Stored API keys" })
    .getByRole("listitem")
    .filter({ hasText: name });
  const check = item.getByTestId("key-check");
  await check.waitFor();
  return check;
};

describe("Anthropic keys and the Claude engine", () => {
  it("disables Claude with its reason without a key, and checks each saved key", async () => {
    const email = `e2e.keys.${unique()}@example.test`;
    const page = await signedIn(email);
    const claude = page.getByRole("radio", { name: "Claude" });
    await expect(claude.isDisabled()).resolves.toBe(true);
    await expect(descriptionOf(page, "Claude")).resolves.toContain(
      "Add your Anthropic key in Account to use Claude",
    );
    await expectAccessible(page, "Claude disabled");

    await page.getByRole("button", { name: `Account: ${email}` }).click();
    fake.models({ kind: "hang" });
    const unchecked = await saveKey(page, "slow");
    await expect(unchecked.getAttribute("data-check")).resolves.toBe("could_not_check");
    await expect(unchecked.textContent()).resolves.toMatch(
      /Could not check — Anthropic did not answer within 1 s/,
    );

    fake.models({ kind: "error", status: 401, type: "authentication_error" });
    const refused = await saveKey(page, "typo");
    await expect(refused.textContent()).resolves.toMatch(
      /Refused by Anthropic — Anthropic refused the key \(401\)/,
    );

    fake.models({ kind: "ok" });
    const valid = await saveKey(page, "good");
    await expect(valid.textContent()).resolves.toMatch(/^Valid — Anthropic accepted the key/);
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
    await expectAccessible(page, "key checks");

    // A saved key makes Claude available, with nothing left to explain.
    await expect.poll(() => claude.isDisabled()).toBe(false);
    await expect(claude.getAttribute("aria-describedby")).resolves.toBeNull();
    await claude.click();
    await expect(claude.getAttribute("aria-checked")).resolves.toBe("true");

    // The rail's tabs are drawn icons (no text glyphs) and keep their names.
    const rail = page.getByRole("navigation", { name: "Panels" });
    for (const name of ["History", "Inspector", "Library", "Session"]) {
      const tab = rail.getByRole("button", { name, exact: true });
      await expect(tab.locator("svg[aria-hidden=true] > g").count()).resolves.toBeGreaterThan(0);
      await expect(tab.textContent()).resolves.toBe(name);
    }
    await rail.screenshot({ path: path.join(SCREENSHOTS, "rail.png") });
    await page.context().close();
  }, 90_000);
});
