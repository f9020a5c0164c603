// `pnpm bench`: production builds against the real PostgreSQL server, each figure next to a
// baseline measured in the same run on the same machine. Writes bench/results/latest.json.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { migrate } from "@parametric-portal/database/migrate";
import { startApiProcess } from "@parametric-portal/test-support/api-process";
import { createTestDatabase } from "@parametric-portal/test-support/database";
import { freePort } from "@parametric-portal/test-support/processes";
import { type LoadResult, load, loadPair } from "./load";
import { type Server, startServer } from "./processes";
import { measureQueries, type ScaleQueries, SEARCHES, type Seeded, seedTo } from "./scale";
import { initialAssetSizes, lighthouseScore } from "./web";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const say = (line: string) => process.stdout.write(`${line}\n`);
// The connection count the local-generation latency goal is stated for.
const GENERATE_CONNECTIONS = 50;
// The goal is a steady-state one: the engine, the insert and their JIT tiers are first used here,
// and in the first seconds of load the API took ~25 % more CPU per generation than from then on.
const GENERATE_WARMUP_SECONDS = 5;
// The scale rows: the measured user's icons and all rows, small and large. BENCH_SCALE=off skips
// them (they add about 2.5 minutes and ~1 GB of database, dropped at the end).
const SCALE = process.env.BENCH_SCALE !== "off";
// BENCH_ROWS picks the groups of rows to measure (comma-separated), default all of them: a goal
// being worked on can be re-measured in a minute instead of the whole run's three.
const ROW_GROUPS = ["liveness", "list", "generate", "scale", "web"] as const;
type RowGroup = (typeof ROW_GROUPS)[number];
const parseRows = (value: string | undefined): ReadonlySet<RowGroup> => {
  if (value === undefined || value.trim() === "") return new Set(ROW_GROUPS);
  const names = value.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(ROW_GROUPS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ROWS has unknown group(s) ${unknown.join(", ")}; use a comma-separated list of ${ROW_GROUPS.join(", ")}.`,
    );
  }
  return new Set(names as RowGroup[]);
};
const ROWS = parseRows(process.env.BENCH_ROWS);
const SMALL = { userRows: 10_000, totalRows: 10_000 };
const LARGE = { userRows: 100_000, totalRows: 1_000_000 };
const SCALE_CONNECTIONS = 10;
// At a million rows a query may take at most this many times its cost at ten thousand.
const SCALE_FACTOR = 2;

interface Goal {
  readonly text: string;
  readonly met: boolean;
}
const goal = (text: string, met: boolean): Goal => ({ text, met });

const bundle = (script: string, out: string) =>
  execFileSync("sh", [`tools/ops/docker/${script}`, out], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });

const sampleRss = (server: Server) => {
  let max = 0;
  const timer = setInterval(() => {
    server.rssBytes().then(
      (rss) => {
        max = Math.max(max, rss);
      },
      () => {},
    );
  }, 200);
  return () => {
    clearInterval(timer);
    return max;
  };
};

const queryResults = (q: ScaleQueries) => [q.firstPage, q.deepPage, q.searchCommon, q.searchRare];

const scaleTable = (small: ScaleQueries, large: ScaleQueries) => {
  const names = [
    "list, first page",
    `list, ${large.depth.toLocaleString("en")} rows deep by cursor (${small.depth.toLocaleString("en")} at 10k)`,
    `search q=${SEARCHES.common} (1 prompt in 12)`,
    `search q=${SEARCHES.rare} (1 prompt in 10,000)`,
  ];
  const smalls = queryResults(small);
  const larges = queryResults(large);
  return names.map((name, i) => {
    const s = smalls[i] as LoadResult;
    const l = larges[i] as LoadResult;
    const ratio = l.requestsPerSecond / s.requestsPerSecond;
    return {
      name,
      small: s,
      large: l,
      ratio,
      goal: goal(`≥ ${(1 / SCALE_FACTOR).toFixed(1)}× its speed at 10k rows`, ratio >= 1 / SCALE_FACTOR),
    };
  });
};

type Paired = Awaited<ReturnType<typeof loadPair>>;

/** The web app's production bundle, its initial asset sizes and Lighthouse against it. */
const measureWeb = async (work: string, apiUrl: string, webPort: number, servers: Server[]) => {
  const webDir = path.join(work, "web");
  execFileSync("sh", ["tools/ops/docker/docker-bundle-parametric-icons.sh", webDir], {
    cwd: root,
    env: { ...process.env, VITE_API_URL: `${apiUrl}/api` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const web = await startServer("node", [path.join(webDir, "serve.mjs")], {
    cwd: webDir,
    port: webPort,
    readyPath: "/healthz",
    env: { PORT: String(webPort), HOST: "127.0.0.1" },
  });
  servers.push(web);
  const sizes = await initialAssetSizes(path.join(webDir, "public"));
  // A failed Lighthouse run must not lose the figures measured before it: it is reported as
  // a failure in its rows (and the exit code) instead.
  let lighthouseError: string | undefined;
  const lighthouse = await lighthouseScore(`${web.url}/`).catch((error: unknown) => {
    lighthouseError = error instanceof Error ? error.message : String(error);
    return {
      median: Number.NaN,
      scores: [] as number[],
      worstAccessibility: Number.NaN,
      worstBestPractices: Number.NaN,
      worstCls: Number.NaN,
      consoleErrors: [] as string[],
    };
  });
  return { sizes, lighthouse, lighthouseError };
};

const main = async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), "pp-bench-"));
  say("Building production bundles (as the Dockerfiles do)…");
  bundle("docker-bundle-api.sh", path.join(work, "api"));

  const { config: db, drop } = await createTestDatabase("bench");
  // Seeding a hundred thousand rows in one statement outlasts the default query timeout.
  const database = await openDatabase({ ...db, queryTimeoutMs: 600_000 });
  await migrate(database);
  const dbEnv = {
    POSTGRES_HOST: db.host,
    POSTGRES_PORT: String(db.port),
    POSTGRES_DB: db.database,
    POSTGRES_USER: db.user,
    POSTGRES_PASSWORD: db.password ?? "unused",
  };
  const servers: Server[] = [];
  try {
    const apiPort = await freePort();
    // The web app is served from its own port; the API must allow that origin (CORS and the
    // session cookie), or Lighthouse would measure the "could not reach the API" screen.
    const webPort = await freePort();
    const webOrigin = `http://127.0.0.1:${webPort}`;
    say("Starting the API (cold start)…");
    const api = await startApiProcess(
      db,
      {
        // A server-side test database: production settings, except the development sign-in
        // (test mode) to get a session, and limits raised so the limiter is not what is measured.
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        RATE_LIMIT_SCALE: "1000000",
        WEB_APP_URL: webOrigin,
        CORS_ORIGINS: webOrigin,
      },
      {
        bundle: path.join(work, "api/dist/main.mjs"),
        port: apiPort,
        readyPath: "/api/health/readiness",
        keepStdout: false,
      },
    );
    servers.push(api);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleRss = await api.rssBytes();

    const signInAs = async (email: string) => {
      const signIn = await fetch(`${api.url}/api/auth/dev/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email }),
      });
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      return { cookie, headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" } };
    };
    const { cookie, headers: authHeaders } = await signInAs("bench@example.test");
    // The generation rows store tens of thousands of icons (5 s at ~2,500 req/s); as their own
    // user, so the list and scale rows measure the library they seeded, not one whose newest
    // 20,000 rows are the generation rows' arcs.
    const { headers: generateHeaders } = await signInAs("bench-generate@example.test");
    for (let i = 0; i < 20; i += 1) {
      const created = await fetch(`${api.url}/api/icons`, {
        method: "POST",
        headers: authHeaders,
        body: JSON.stringify({ prompt: `offset curve ${i}`, variantCount: 1, engine: "local" }),
      });
      if (created.status !== 201)
        throw new Error(`seeding icons failed: ${created.status} ${await created.text()}`);
    }

    const generateBody = JSON.stringify({
      prompt: "arc through three points",
      variantCount: 3,
      engine: "local",
    });
    let liveness: Paired | null = null;
    if (ROWS.has("liveness")) {
      const helloPort = await freePort();
      const hello = await startServer("node", ["--import", "tsx", "bench/baselines/fastify-hello.ts"], {
        cwd: root,
        port: helloPort,
        readyPath: "/hello",
        env: { PORT: String(helloPort) },
      });
      servers.push(hello);
      say("Liveness vs bare Fastify (alternating slices)…");
      liveness = await loadPair(
        { url: `${api.url}/api/health/liveness` },
        { url: `${hello.url}/hello` },
        seconds,
      );
    }
    // Memory under load: sampled from the list onwards, as before rows could be chosen.
    const stopRss = sampleRss(api);
    let list: Paired | null = null;
    if (ROWS.has("list")) {
      const barePort = await freePort();
      const bare = await startServer("node", ["--import", "tsx", "bench/baselines/node-pg-icons.ts"], {
        cwd: root,
        port: barePort,
        readyPath: "/ready",
        env: { ...dbEnv, PORT: String(barePort) },
      });
      servers.push(bare);
      say("GET /api/icons (20 items) vs node:http + pg (alternating slices)…");
      list = await loadPair(
        { url: `${api.url}/api/icons?limit=20`, headers: { cookie } },
        { url: `${bare.url}/icons`, headers: { cookie } },
        seconds,
      );
    }
    let generate: LoadResult | null = null;
    let generateFew: LoadResult | null = null;
    if (ROWS.has("generate")) {
      say(`POST /api/icons (local engine, 3 variants, ${GENERATE_CONNECTIONS} connections)…`);
      generate = await load({
        url: `${api.url}/api/icons`,
        method: "POST",
        headers: generateHeaders,
        body: generateBody,
        connections: GENERATE_CONNECTIONS,
        seconds,
        warmupSeconds: GENERATE_WARMUP_SECONDS,
      });
      // The connection count of the bench's first runs (2026-11-26: p99 23 ms), to compare with them.
      generateFew = await load({
        url: `${api.url}/api/icons`,
        method: "POST",
        headers: generateHeaders,
        body: generateBody,
        connections: 8,
        seconds,
      });
    }
    const loadRss = stopRss();

    let scale: {
      small: Seeded;
      smallQueries: ScaleQueries;
      large: Seeded;
      largeQueries: ScaleQueries;
    } | null = null;
    if (SCALE && ROWS.has("scale")) {
      // The generation rows' icons were only there to be written: the scale rows count every row
      // of the table, and the small point is 10,000 in all.
      await database.query(
        "delete from assets where user_id = (select id from users where email = 'bench-generate@example.test')",
      );
      const [owner] = await database.query<{ user_id: string }>(
        "select id as user_id from users where email = 'bench@example.test'",
      );
      if (owner === undefined) throw new Error("the bench user is missing");
      say(`Seeding ${SMALL.userRows} icons, then list and search (${SCALE_CONNECTIONS} connections)…`);
      const small = await seedTo(database, owner.user_id, SMALL);
      const smallQueries = await measureQueries(
        api.url,
        cookie,
        SMALL.userRows / 2,
        seconds,
        SCALE_CONNECTIONS,
      );
      say(`Seeding to ${LARGE.userRows} icons of the user, ${LARGE.totalRows} rows in all, then again…`);
      const large = await seedTo(database, owner.user_id, LARGE);
      const largeQueries = await measureQueries(
        api.url,
        cookie,
        LARGE.userRows / 2,
        seconds,
        SCALE_CONNECTIONS,
      );
      scale = { small, smallQueries, large, largeQueries };
    }

    let web: Awaited<ReturnType<typeof measureWeb>> | null = null;
    if (ROWS.has("web")) {
      say("Web app bundle and Lighthouse…");
      web = await measureWeb(work, api.url, webPort, servers);
    }

    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverage: os.loadavg(),
      },
      secondsPerRun: seconds,
      rows: [...ROWS],
      liveness: liveness && { api: liveness.subject, baseline: liveness.baseline, ratio: liveness.ratio },
      listIcons: list && { api: list.subject, baseline: list.baseline, ratio: list.ratio },
      generateLocal: generate && { ...generate, connections: GENERATE_CONNECTIONS },
      generateLocalFew: generateFew && { ...generateFew, connections: 8 },
      coldStartMs: api.startMs,
      rss: { idleBytes: idleRss, underLoadBytes: loadRss },
      web: web && { ...web.sizes, lighthouse: web.lighthouse },
      scale,
    };
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    // autocannon reports no latency when not one response came back within the run.
    const rps = (r: LoadResult) =>
      r.requests === 0
        ? `no response within ${seconds} s`
        : `${Math.round(r.requestsPerSecond)} req/s (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms)`;
    const shown = (g: Goal) => `${g.text}: ${g.met ? "met" : "**not met**"}`;
    const goals: Goal[] = [];
    const rows: string[] = [];
    const row = (cells: readonly string[], g?: Goal) => {
      if (g !== undefined) goals.push(g);
      rows.push(`| ${[...cells, g === undefined ? "–" : shown(g)].join(" | ")} |`);
    };
    if (liveness !== null) {
      row(
        [
          "liveness",
          rps(liveness.subject),
          `bare Fastify: ${rps(liveness.baseline)}`,
          liveness.ratio.toFixed(2),
        ],
        goal("liveness ≥ 0.8× bare Fastify", liveness.ratio >= 0.8),
      );
    }
    if (list !== null) {
      row(
        [
          "GET /api/icons, 20 items",
          rps(list.subject),
          `node:http + pg: ${rps(list.baseline)}`,
          list.ratio.toFixed(2),
        ],
        goal("list ≥ 0.8× node:http + pg", list.ratio >= 0.8),
      );
    }
    if (generate !== null && generateFew !== null) {
      row(
        ["POST /api/icons, local engine, 3 variants", rps(generate), "–", "–"],
        goal(`p99 ≤ 20 ms at ${GENERATE_CONNECTIONS} connections`, generate.p99Ms <= 20),
      );
      row(["the same, 8 connections", rps(generateFew), "–", "–"]);
    }
    row(["cold start to readiness 200", `${Math.round(api.startMs)} ms`, "–", "–"]);
    row(["resident memory idle / under load", `${mib(idleRss)} / ${mib(loadRss)}`, "–", "–"]);
    if (web !== null) {
      const { sizes, lighthouse } = web;
      row(
        ["web initial JS / CSS (gzip)", `${kib(sizes.jsGzipBytes)} / ${kib(sizes.cssGzipBytes)}`, "–", "–"],
        goal("initial JS ≤ 120 KiB gzip", sizes.jsGzipBytes <= 120 * 1024),
      );
      row(
        [
          "Lighthouse performance (median of 3)",
          `${lighthouse.median} (${lighthouse.scores.join(", ")})`,
          "–",
          "–",
        ],
        goal("≥ 98", lighthouse.median >= 98),
      );
      row(
        ["cumulative layout shift (worst of 3)", String(lighthouse.worstCls), "–", "–"],
        goal("0", lighthouse.worstCls === 0),
      );
      const a11y = goal("accessibility 100", lighthouse.worstAccessibility === 100);
      const bestPractices = goal("best practices 100", lighthouse.worstBestPractices === 100);
      goals.push(a11y, bestPractices);
      // Two goals in one row: pushed by hand, as row() takes one.
      rows.push(
        `| Lighthouse accessibility / best practices (worst of 3) | ${lighthouse.worstAccessibility} / ${lighthouse.worstBestPractices} | – | – | ${shown(a11y)} / ${shown(bestPractices)} |`,
      );
      row(
        [
          "console errors on a signed-out load",
          lighthouse.consoleErrors.length === 0 ? "none" : lighthouse.consoleErrors.join("; "),
          "–",
          "–",
        ],
        goal("no console error", lighthouse.consoleErrors.length === 0 && web.lighthouseError === undefined),
      );
    }
    // Each scale query at a million rows against itself at ten thousand: the cost per request is
    // the inverse of requests per second at the same connection count.
    if (scale !== null) {
      const { small, large } = scale;
      for (const r of scaleTable(scale.smallQueries, scale.largeQueries)) {
        row(
          [
            `${r.name}, ${large.totalRows.toLocaleString("en")} rows`,
            rps(r.large),
            `${small.totalRows.toLocaleString("en")} rows: ${rps(r.small)}`,
            r.ratio.toFixed(2),
          ],
          r.goal,
        );
      }
      row([
        `seeding to ${small.totalRows.toLocaleString("en")} / ${large.totalRows.toLocaleString("en")} rows`,
        `${(small.ms / 1000).toFixed(1)} s / ${(large.ms / 1000).toFixed(1)} s`,
        "–",
        "–",
      ]);
      row([
        `database size at ${small.totalRows.toLocaleString("en")} / ${large.totalRows.toLocaleString("en")} rows`,
        `${mib(small.databaseBytes)} / ${mib(large.databaseBytes)}`,
        "–",
        "–",
      ]);
    }
    await mkdir(path.join(root, "bench/results"), { recursive: true });
    await writeFile(
      path.join(root, "bench/results/latest.json"),
      `${JSON.stringify({ ...results, goals }, null, 2)}\n`,
    );

    const scaleResults = scale === null ? [] : [scale.smallQueries, scale.largeQueries].flatMap(queryResults);
    const measured = [liveness?.subject, list?.subject, generate, generateFew, ...scaleResults].filter(
      (r): r is LoadResult => r !== null && r !== undefined,
    );
    const failures = measured.reduce((n, r) => n + r.errors + r.non2xx, 0);
    say("");
    say("| measure | result | baseline | ratio | goal |");
    say("| --- | --- | --- | --- | --- |");
    for (const line of rows) say(line);
    say("");
    const load1 = os.loadavg()[0]?.toFixed(1);
    say(
      `Machine: ${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGiB} GiB, Node ${process.version}, load average ${load1} at the end. Rows: ${[...ROWS].join(", ")}.`,
    );
    say(`Failed or non-2xx responses under load: ${failures}. Results: bench/results/latest.json`);
    const lighthouseError = web?.lighthouseError;
    if (lighthouseError !== undefined) say(`Lighthouse failed: ${lighthouseError}`);
    if (failures > 0 || lighthouseError !== undefined) process.exitCode = 1;
  } finally {
    for (const server of servers.reverse()) await server.stop().catch(() => {});
    await database.close();
    await drop();
  }
};

await main();
