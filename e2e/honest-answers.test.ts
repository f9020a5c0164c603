import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type ApiIcon, expectAccessible, setupE2e } from "./support/harness";

/**
 * Issue 13 in the browser: honest "not understood" answers, the prompt's character count, and
 * live parameters that redraw in the page and save as a refinement.
 */

const { env, newPage, listIcons } = setupE2e();

const signedIn = async (email: string): Promise<Page> => {
  const { page } = await newPage();
  await page.goto(env.web.origin);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Sign in for development" }).click();
  await page.getByRole("textbox", { name: /Prompt/ }).waitFor();
  await page.getByRole("radio", { name: "Local" }).click();
  return page;
};

/** Every request the page sends from now on (to the API only, or to anywhere). */
const watchRequests = (page: Page, only: "api" | "any"): string[] => {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (only === "any" || request.url().startsWith(env.api.url))
      seen.push(`${request.method()} ${request.url()}`);
  });
  return seen;
};

/** axe reads colours as drawn: let fades (toasts, the hover toolbar) finish first. */
const checkAccessible = async (page: Page, screen: string) => {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  await expectAccessible(page, screen);
};

const unique = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;

describe("honest answers and live parameters", () => {
  it("keeps an over-long paste whole, says how much to cut and does not generate", async () => {
    const page = await signedIn(`e2e.count.${unique()}@example.test`);
    const prompt = page.getByRole("textbox", { name: /Prompt/ });
    const count = page.getByTestId("prompt-count");
    await prompt.fill("arc ".repeat(120));
    await expect(count.textContent()).resolves.toBe("480 / 500");
    const requests = watchRequests(page, "api");
    await prompt.fill("a".repeat(2000));
    await expect(prompt.inputValue()).resolves.toHaveLength(2000);
    await expect(count.textContent()).resolves.toBe(
      "2000 / 500 — shorten the prompt by 1500 characters to generate",
    );
    await expect(page.getByRole("button", { name: "Generate" }).isDisabled()).resolves.toBe(true);
    await prompt.press("Enter");
    await checkAccessible(page, "prompt over the limit");
    expect(requests.filter((r) => r.startsWith("POST"))).toEqual([]);
    expect(await listIcons(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('answers "a cat" in place with suggestions and saves nothing', async () => {
    const page = await signedIn(`e2e.cat.${unique()}@example.test`);
    const prompt = page.getByRole("textbox", { name: /Prompt/ });
    await prompt.fill("a cat");
    await prompt.press("Enter");
    const answer = page.getByTestId("prompt-answer");
    await answer.getByRole("heading", { name: /Not understood/ }).waitFor({ timeout: 30_000 });
    await expect(answer.textContent()).resolves.toContain("cat");
    await checkAccessible(page, "not understood");
    expect(await listIcons(page)).toEqual([]);
    // A suggestion replaces the prompt and the answer goes away.
    const suggestion = answer.getByRole("button").filter({ hasNotText: "×" }).first();
    const text = (await suggestion.textContent()) ?? "";
    expect(text.length).toBeGreaterThan(0);
    await suggestion.click();
    await expect(prompt.inputValue()).resolves.toBe(text);
    await expect(page.getByTestId("prompt-answer").count()).resolves.toBe(0);
    await page.context().close();
  }, 60_000);

  it("redraws from a parameter control without a request, resets, and saves a linked refinement", async () => {
    const page = await signedIn(`e2e.params.${unique()}@example.test`);
    const prompt = page.getByRole("textbox", { name: /Prompt/ });
    await prompt.fill("hexagon");
    await prompt.press("Enter");
    const controls = page.getByRole("region", { name: "Parameters" });
    // Size: every tool has it, and it always changes the drawing.
    const slider = controls.getByRole("slider", { name: "Size" });
    await slider.waitFor({ timeout: 60_000 });
    await checkAccessible(page, "parameters");
    // Every result says what was read from its prompt.
    await expect(page.getByTestId("icon-reading").textContent()).resolves.toContain("hexagon");
    const stage = page.getByRole("img", { name: /^Variant 1 of \d+: hexagon/ });
    const stored = await stage.getAttribute("src");

    // The drawing engine is fetched once when the controls appear; after that, nothing at all.
    await page.waitForLoadState("networkidle");
    const requests = watchRequests(page, "any");
    const before = Number(await slider.inputValue());
    await slider.focus();
    await page.keyboard.press("End");
    await expect.poll(() => slider.inputValue()).not.toBe(String(before));
    await page.getByRole("img", { name: /\(edited, not saved\)/ }).waitFor();
    const edited = await page.getByRole("img", { name: /\(edited, not saved\)/ }).getAttribute("src");
    expect(edited).not.toBe(stored);
    // Arrow keys step; the drawing follows each step.
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.getByRole("img", { name: /edited/ }).getAttribute("src")).not.toBe(edited);
    expect(requests).toEqual([]);

    await controls.getByRole("button", { name: "Reset" }).click();
    await expect.poll(() => slider.inputValue()).toBe(String(before));
    await expect.poll(() => stage.getAttribute("src")).toBe(stored);

    await slider.focus();
    await page.keyboard.press("Home");
    const target = Number(await slider.inputValue());
    await controls.getByRole("button", { name: "Save" }).click();
    await page
      .getByText(/Refined: .+ → .+\. In History; Keep adds it to your Library\./)
      .waitFor({ timeout: 60_000 });
    const [child, parent] = (await listIcons(page)) as [ApiIcon, ApiIcon];
    expect(parent.parentId).toBeNull();
    expect(child).toMatchObject({ parentId: parent.id, intent: "refine" });
    expect(Object.values(child.variants[0]?.params ?? {})).toContain(target);

    // A refinement the design system forbids is refused in place, with its reason; nothing is saved.
    await page.getByRole("radio", { name: "Refine" }).click();
    await prompt.fill("thicker");
    await prompt.press("Enter");
    const answer = page.getByTestId("prompt-answer");
    await answer.getByRole("heading", { name: /Refine refused/ }).waitFor({ timeout: 30_000 });
    await expect(answer.textContent()).resolves.toContain("The design system fixes this");
    await checkAccessible(page, "refine refused");
    expect(await listIcons(page)).toHaveLength(2);
    await page.context().close();
  }, 90_000);
});
