import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { startApiProcess } from "@parametric-portal/test-support/api-process";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { type MockProvider, startOidcProvider } from "@parametric-portal/test-support/oauth-servers";
import { freePort } from "@parametric-portal/test-support/processes";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { axeViolations, launchBrowser } from "./browser";
import { startWebApp, type WebApp } from "./web-app";

// The committed screenshots are only rewritten on request, so a test run leaves the tree clean.
export const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? path.resolve(import.meta.dirname, "../../docs/screenshots")
    : path.resolve(import.meta.dirname, "../../test-results/screenshots");

export interface ApiIcon {
  id: string;
  prompt: string;
  intent: string;
  parentId: string | null;
  variants: { index: number; svg: string; params?: Record<string, number> }[];
}

export interface ApiServer {
  /** Where the routes live: the origin plus /api. */
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** The real API process on a fresh migrated PostgreSQL database; secrets go through its environment. */
const startApi = async (opts: {
  port: number;
  webOrigin: string;
  env: Record<string, string>;
}): Promise<ApiServer> => {
  const database = await openMigratedTestDatabase("postgres", "e2e");
  try {
    const api = await startApiProcess(
      database.config,
      {
        WEB_APP_URL: opts.webOrigin,
        CORS_ORIGINS: opts.webOrigin,
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        DEV_SIGN_IN: "true",
        LOG_LEVEL: "warn",
        DATA_DIR: path.resolve(import.meta.dirname, "../../.data/e2e"),
        ...opts.env,
      },
      { port: opts.port, readyPath: "/api/health/readiness" },
    );
    return {
      url: `${api.url}/api`,
      close: async () => {
        await api.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
};

export interface E2e {
  api: ApiServer;
  web: WebApp;
  browser: Browser;
  google: MockProvider;
}

/**
 * One real API process (fresh PostgreSQL database, a local OpenID Connect provider as Google), the
 * app built with `vite build`, and Debian's Chromium, for the calling test file. Uncaught errors in
 * any page fail the test even when the screen happens to look right. `apiEnv` adds API variables.
 */
export const setupE2e = (opts: { apiEnv?: () => Record<string, string> } = {}) => {
  const env = {} as E2e;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const [apiPort, webPort] = await Promise.all([freePort(), freePort()]);
    const webOrigin = `http://127.0.0.1:${webPort}`;
    env.google = await startOidcProvider();
    [env.api, env.web, env.browser] = await Promise.all([
      startApi({
        port: apiPort,
        webOrigin,
        env: {
          OAUTH_GOOGLE_CLIENT_ID: "e2e-client",
          OAUTH_GOOGLE_CLIENT_SECRET: `e2e-${Math.random().toString(36).slice(2)}`,
          OAUTH_GOOGLE_ISSUER_URL: env.google.issuerUrl,
          // Read when the API starts, so a file's own earlier beforeAll can start what it points at.
          ...opts.apiEnv?.(),
        },
      }),
      startWebApp({ port: webPort, apiUrl: `http://127.0.0.1:${apiPort}/api` }),
      launchBrowser(),
    ]);
  }, 150_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await env.browser?.close();
    await env.web?.close();
    await env.api?.close();
    await env.google?.stop();
  });

  const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await env.browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    // Short step timeouts point at the failing step instead of the whole test timing out.
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    return { context, page };
  };

  /** The user's icons, newest first, each read in full (the list itself carries one thumbnail). */
  const listIcons = async (page: Page): Promise<ApiIcon[]> => {
    const { request } = page.context();
    const res = await request.get(`${env.api.url}/icons?limit=50`);
    expect(res.status()).toBe(200);
    const { items } = (await res.json()) as { items: { id: string }[] };
    return Promise.all(
      items.map(async ({ id }) => {
        const one = await request.get(`${env.api.url}/icons/${id}`);
        expect(one.status()).toBe(200);
        return ((await one.json()) as { icon: ApiIcon }).icon;
      }),
    );
  };

  return { env, newPage, listIcons };
};

export const expectAccessible = async (page: Page, screen: string) => {
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
};

export const downloadBytes = async (
  page: Page,
  trigger: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> => {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
};
