import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { CHROMIUM_FLAGS } from "../e2e/support/browser";

/** Gzip size of the JavaScript and CSS that index.html loads before anything else. */
export const initialAssetSizes = async (
  publicDir: string,
): Promise<{ jsGzipBytes: number; cssGzipBytes: number }> => {
  const html = await readFile(path.join(publicDir, "index.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(js|css))"/g)];
  let jsGzipBytes = 0;
  let cssGzipBytes = 0;
  for (const [, ref, ext] of refs) {
    if (ref === undefined) continue;
    const size = gzipSync(await readFile(path.join(publicDir, ref))).length;
    if (ext === "js") jsGzipBytes += size;
    else cssGzipBytes += size;
  }
  return { jsGzipBytes, cssGzipBytes };
};

const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];

export interface LighthouseResult {
  /** Median performance score (0–100) of the runs, and each run's score. */
  readonly median: number;
  readonly scores: number[];
  /** The lowest accessibility and best-practices scores (0–100) of any run. */
  readonly worstAccessibility: number;
  readonly worstBestPractices: number;
  /** The worst cumulative layout shift of any run. */
  readonly worstCls: number;
  /** Console errors of every run (Lighthouse's errors-in-console audit), as "source: text". */
  readonly consoleErrors: string[];
}

const categoryScore = (
  lhr: { categories: Record<string, { score: number | null } | undefined> },
  id: string,
) => {
  const score = lhr.categories[id]?.score;
  if (typeof score !== "number") throw new Error(`Lighthouse returned no ${id} score.`);
  return Math.round(score * 100);
};

/**
 * `runs` cold loads of `url` with Lighthouse's default (mobile) settings: the median performance
 * score, the worst accessibility, best-practices and layout-shift figures, and any console error.
 */
export const lighthouseScore = async (url: string, runs = 3): Promise<LighthouseResult> => {
  const scores: number[] = [];
  let worstCls = 0;
  let worstAccessibility = 100;
  let worstBestPractices = 100;
  const consoleErrors: string[] = [];
  for (let i = 0; i < runs; i += 1) {
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      chromeFlags: CHROME_FLAGS,
    });
    try {
      // A recording that failed (e.g. NO_NAVSTART, NO_FCP on a busy machine) is no measurement of
      // the page: it is recorded once more, and only a second failure fails the row.
      let lhr: Result;
      let score: number | null | undefined;
      for (let attempt = 1; ; attempt += 1) {
        const result = await lighthouse(url, {
          port: chrome.port,
          onlyCategories: ["performance", "accessibility", "best-practices"],
          logLevel: "error",
        });
        if (result === undefined) throw new Error("Lighthouse returned no result.");
        lhr = result.lhr;
        score = lhr.categories.performance?.score;
        if (typeof score === "number") break;
        if (attempt === 2) {
          // Lighthouse says why (e.g. NO_FCP when the page did not paint in time on a busy machine).
          const why = lhr.runtimeError;
          throw new Error(
            `Lighthouse returned no performance score twice${why ? ` (${why.code}: ${why.message})` : ""}.`,
          );
        }
      }
      scores.push(Math.round(score * 100));
      worstAccessibility = Math.min(worstAccessibility, categoryScore(lhr, "accessibility"));
      worstBestPractices = Math.min(worstBestPractices, categoryScore(lhr, "best-practices"));
      const cls = lhr.audits["cumulative-layout-shift"]?.numericValue;
      if (typeof cls !== "number") throw new Error("Lighthouse returned no cumulative layout shift.");
      worstCls = Math.max(worstCls, cls);
      const details = lhr.audits["errors-in-console"]?.details;
      const items = details && "items" in details ? details.items : [];
      for (const item of items) consoleErrors.push(`${String(item.source)}: ${String(item.description)}`);
    } finally {
      chrome.kill();
    }
  }
  const sorted = [...scores].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    scores,
    worstAccessibility,
    worstBestPractices,
    worstCls,
    consoleErrors,
  };
};
