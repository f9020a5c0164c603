import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
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

/**
 * Median Lighthouse performance score (0–100) of `runs` cold loads, and the worst cumulative
 * layout shift seen in any of them.
 */
export const lighthouseScore = async (
  url: string,
  runs = 3,
): Promise<{ median: number; scores: number[]; worstCls: number }> => {
  const scores: number[] = [];
  let worstCls = 0;
  for (let i = 0; i < runs; i += 1) {
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      chromeFlags: CHROME_FLAGS,
    });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        onlyCategories: ["performance"],
        logLevel: "error",
      });
      const score = result?.lhr.categories.performance?.score;
      if (typeof score !== "number") {
        // Lighthouse says why (e.g. NO_FCP when the page did not paint in time on a busy machine).
        const why = result?.lhr.runtimeError;
        throw new Error(
          `Lighthouse returned no performance score${why ? ` (${why.code}: ${why.message})` : ""}.`,
        );
      }
      scores.push(Math.round(score * 100));
      const cls = result?.lhr.audits["cumulative-layout-shift"]?.numericValue;
      if (typeof cls !== "number") throw new Error("Lighthouse returned no cumulative layout shift.");
      worstCls = Math.max(worstCls, cls);
    } finally {
      chrome.kill();
    }
  }
  const sorted = [...scores].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, scores, worstCls };
};
