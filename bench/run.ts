// `pnpm bench`: production builds against the real PostgreSQL server, each figure next to a
// baseline measured in the same run on the same machine. Writes bench/results/latest.json.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startApiProcess } from "@parametric-portal/test-support/api-process";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { freePort } from "@parametric-portal/test-support/processes";
import { type LoadResult, load, loadPair } from "./load";
import { type Server, startServer } from "./processes";
import { initialAssetSizes, lighthouseScore } from "./web";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const say = (line: string) => process.stdout.write(`${line}\n`);
// The connection count the local-generation latency goal is stated for.
const GENERATE_CONNECTIONS = 50;

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

const main = async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), "pp-bench-"));
  say("Building production bundles (as the Dockerfiles do)…");
  bundle("docker-bundle-api.sh", path.join(work, "api"));

  const { config: db, close: closeDatabase } = await openMigratedTestDatabase("postgres", "bench");
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

    const signIn = await fetch(`${api.url}/api/auth/dev/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench@example.test" }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const authHeaders = { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
    for (let i = 0; i < 20; i += 1) {
      const created = await fetch(`${api.url}/api/icons`, {
        method: "POST",
        headers: authHeaders,
        body: JSON.stringify({ prompt: `offset curve ${i}`, variantCount: 1, engine: "local" }),
      });
      if (created.status !== 201)
        throw new Error(`seeding icons failed: ${created.status} ${await created.text()}`);
    }

    const helloPort = await freePort();
    const hello = await startServer("node", ["--import", "tsx", "bench/baselines/fastify-hello.ts"], {
      cwd: root,
      port: helloPort,
      readyPath: "/hello",
      env: { PORT: String(helloPort) },
    });
    servers.push(hello);
    const barePort = await freePort();
    const bare = await startServer("node", ["--import", "tsx", "bench/baselines/node-pg-icons.ts"], {
      cwd: root,
      port: barePort,
      readyPath: "/ready",
      env: { ...dbEnv, PORT: String(barePort) },
    });
    servers.push(bare);

    say("Liveness vs bare Fastify (alternating slices)…");
    const liveness = await loadPair(
      { url: `${api.url}/api/health/liveness` },
      { url: `${hello.url}/hello` },
      seconds,
    );
    say("GET /api/icons (20 items) vs node:http + pg (alternating slices)…");
    const stopRss = sampleRss(api);
    const list = await loadPair(
      { url: `${api.url}/api/icons?limit=20`, headers: { cookie } },
      { url: `${bare.url}/icons`, headers: { cookie } },
      seconds,
    );
    say(`POST /api/icons (local engine, 3 variants, ${GENERATE_CONNECTIONS} connections)…`);
    const generate = await load({
      url: `${api.url}/api/icons`,
      method: "POST",
      headers: authHeaders,
      body: JSON.stringify({ prompt: "arc through three points", variantCount: 3, engine: "local" }),
      connections: GENERATE_CONNECTIONS,
      seconds,
    });
    const loadRss = stopRss();

    say("Web app bundle and Lighthouse…");
    const webDir = path.join(work, "web");
    execFileSync("sh", ["tools/ops/docker/docker-bundle-parametric-icons.sh", webDir], {
      cwd: root,
      env: { ...process.env, VITE_API_URL: `${api.url}/api` },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const webPort = await freePort();
    const web = await startServer("node", [path.join(webDir, "serve.mjs")], {
      cwd: webDir,
      port: webPort,
      readyPath: "/healthz",
      env: { PORT: String(webPort), HOST: "127.0.0.1" },
    });
    servers.push(web);
    const sizes = await initialAssetSizes(path.join(webDir, "public"));
    const lighthouse = await lighthouseScore(`${web.url}/`);

    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      secondsPerRun: seconds,
      liveness: { api: liveness.subject, baseline: liveness.baseline, ratio: liveness.ratio },
      listIcons: { api: list.subject, baseline: list.baseline, ratio: list.ratio },
      generateLocal: { ...generate, connections: GENERATE_CONNECTIONS },
      coldStartMs: api.startMs,
      rss: { idleBytes: idleRss, underLoadBytes: loadRss },
      web: { ...sizes, lighthouse },
    };
    const goals = [
      goal("liveness ≥ 0.8× bare Fastify", liveness.ratio >= 0.8),
      goal("list ≥ 0.8× node:http + pg", list.ratio >= 0.8),
      goal(`p99 ≤ 20 ms at ${GENERATE_CONNECTIONS} connections`, generate.p99Ms <= 20),
      goal("initial JS ≤ 120 KiB gzip", sizes.jsGzipBytes <= 120 * 1024),
      goal("≥ 98", lighthouse.median >= 98),
      goal("0", lighthouse.worstCls === 0),
    ];
    await mkdir(path.join(root, "bench/results"), { recursive: true });
    await writeFile(
      path.join(root, "bench/results/latest.json"),
      `${JSON.stringify({ ...results, goals }, null, 2)}\n`,
    );

    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    const rps = (r: LoadResult) =>
      `${Math.round(r.requestsPerSecond)} req/s (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms)`;
    const shown = (g: Goal) => `${g.text}: ${g.met ? "met" : "**not met**"}`;
    const [liveGoal, listGoal, generateGoal, jsGoal, lighthouseGoal, clsGoal] = goals as [
      Goal,
      Goal,
      Goal,
      Goal,
      Goal,
      Goal,
    ];
    const failures = [liveness.subject, list.subject, generate].reduce((n, r) => n + r.errors + r.non2xx, 0);
    say("");
    say("| measure | result | baseline | ratio | goal |");
    say("| --- | --- | --- | --- | --- |");
    say(
      `| liveness | ${rps(liveness.subject)} | bare Fastify: ${rps(liveness.baseline)} | ${liveness.ratio.toFixed(2)} | ${shown(liveGoal)} |`,
    );
    say(
      `| GET /api/icons, 20 items | ${rps(list.subject)} | node:http + pg: ${rps(list.baseline)} | ${list.ratio.toFixed(2)} | ${shown(listGoal)} |`,
    );
    say(`| POST /api/icons, local engine, 3 variants | ${rps(generate)} | – | – | ${shown(generateGoal)} |`);
    say(`| cold start to readiness 200 | ${Math.round(api.startMs)} ms | – | – | – |`);
    say(`| resident memory idle / under load | ${mib(idleRss)} / ${mib(loadRss)} | – | – | – |`);
    say(
      `| web initial JS / CSS (gzip) | ${kib(sizes.jsGzipBytes)} / ${kib(sizes.cssGzipBytes)} | – | – | ${shown(jsGoal)} |`,
    );
    say(
      `| Lighthouse performance (median of 3) | ${lighthouse.median} (${lighthouse.scores.join(", ")}) | – | – | ${shown(lighthouseGoal)} |`,
    );
    say(`| cumulative layout shift (worst of 3) | ${lighthouse.worstCls} | – | – | ${shown(clsGoal)} |`);
    say("");
    say(
      `Machine: ${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGiB} GiB, Node ${process.version}.`,
    );
    say(`Failed or non-2xx responses under load: ${failures}. Results: bench/results/latest.json`);
    if (failures > 0) process.exitCode = 1;
  } finally {
    for (const server of servers.reverse()) await server.stop().catch(() => {});
    await closeDatabase();
  }
};

await main();
