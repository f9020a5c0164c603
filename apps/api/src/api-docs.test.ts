import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// One database for both apps: API_DOCS changes only what is served, not what is stored.
let on: TestApp;
let off: TestApp;
beforeAll(async () => {
  on = await createTestApp({ API_DOCS: "on" });
  off = await createTestApp({ API_DOCS: "off" }, { database: on.database });
});
afterAll(async () => {
  await off?.close();
  await on?.close();
});

const get = (t: TestApp, url: string) => t.app.inject({ method: "GET", url });

describe("API_DOCS", () => {
  it("on: serves the docs UI and the OpenAPI document at /api/docs", async () => {
    const page = await get(on, "/api/docs");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const document = await get(on, "/api/docs/json");
    expect(document.statusCode).toBe(200);
    expect(document.json().paths).toHaveProperty("/api/auth/logout-all");
  });

  it("off: answers 404 { code, message } for the UI, its assets and the document, and the API still works", async () => {
    for (const url of [
      "/api/docs",
      "/api/docs/",
      "/api/docs/json",
      "/api/docs/yaml",
      "/api/docs/static/index.html",
    ]) {
      const response = await get(off, url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await get(off, "/api/auth/providers")).statusCode).toBe(200);
  });
});
