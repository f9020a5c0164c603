import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../test-kit/backup-test-kit";
import { CHILD_DEADLINE_MS, killAfter } from "../test-kit/deadline";

// A stand-in for api.github.com: the workflow-runs endpoint, answering per commit from `answers`.
const answers = new Map<string, { status: number; body: unknown }>();
const requests: { url: string; authorization: string | undefined; accept: string | undefined }[] = [];
let server: Server;
let apiUrl: string;

const run = (sha: string, status: string, conclusion: string | null, id = 1) => ({
  id,
  head_sha: sha,
  status,
  conclusion,
  event: "push",
  html_url: `https://github.com/acme/portal/actions/runs/${id}`,
  created_at: `2026-11-30T05:0${id}:00Z`,
});

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    const url = new URL(request.url ?? "/", "http://stand-in");
    requests.push({
      url: url.pathname + url.search,
      authorization: request.headers.authorization,
      accept: request.headers.accept,
    });
    const sha = url.searchParams.get("head_sha") ?? "";
    const answer =
      url.pathname === "/repos/acme/portal/actions/workflows/ci.yml/runs"
        ? (answers.get(sha) ?? { status: 200, body: { total_count: 0, workflow_runs: [] } })
        : { status: 404, body: { message: "Not Found" } };
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const newSha = () => randomBytes(20).toString("hex");
const token = `ghs_${randomBytes(16).toString("hex")}`;

/** The command exactly as deploy.yml runs it. */
const gate = (args: readonly string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tools/ops/ci/require-green-ci.ts", ...args], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        GITHUB_API_URL: apiUrl,
        GITHUB_REPOSITORY: "acme/portal",
        GITHUB_TOKEN: token,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    killAfter(child, CHILD_DEADLINE_MS, "require-green-ci.ts", (error) =>
      reject(new Error(`${error.message}\nstderr so far:\n${stderr}`)),
    );
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });

describe("require-green-ci against a stand-in GitHub REST API", () => {
  it("passes a commit whose CI run succeeded, asking for exactly that commit with the token", async () => {
    const sha = newSha();
    answers.set(sha, {
      status: 200,
      body: { total_count: 1, workflow_runs: [run(sha, "completed", "success", 7)] },
    });
    const result = await gate(["--sha", sha]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(
      `CI (ci.yml) passed on ${sha}: https://github.com/acme/portal/actions/runs/7`,
    );
    const asked = requests.filter((r) => r.url.includes(sha));
    expect(asked).toEqual([
      {
        url: `/repos/acme/portal/actions/workflows/ci.yml/runs?head_sha=${sha}&per_page=100`,
        authorization: `Bearer ${token}`,
        accept: "application/vnd.github+json",
      },
    ]);
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it("passes a commit whose failed run was re-run green", async () => {
    const sha = newSha();
    answers.set(sha, {
      status: 200,
      body: { workflow_runs: [run(sha, "completed", "failure", 1), run(sha, "completed", "success", 2)] },
    });
    expect((await gate(["--sha", sha])).code).toBe(0);
  });

  it.each([
    [
      "failed",
      [["completed", "failure"]],
      /^error: Refusing to deploy \w{40}: its ci\.yml run concluded failure \(https:\/\/github\.com\/acme\/portal\/actions\/runs\/1\), not success; fix it and deploy a green commit\.$/,
    ],
    ["cancelled", [["completed", "cancelled"]], /its ci\.yml run concluded cancelled .*, not success/],
    [
      "in progress",
      [["in_progress", null]],
      /^error: Refusing to deploy \w{40}: its ci\.yml run is still in progress \(https:\/\/github\.com\/acme\/portal\/actions\/runs\/1\); deploy again once it has passed\.$/,
    ],
    ["queued", [["queued", null]], /its ci\.yml run is still queued/],
    [
      "never run",
      [],
      /^error: Refusing to deploy \w{40}: ci\.yml has no run for this commit, so it was never tested; push it \(or open a pull request\) and deploy once CI is green\.$/,
    ],
  ] as const)("refuses a commit whose CI is %s, in one sentence", async (_what, states, message) => {
    const sha = newSha();
    answers.set(sha, {
      status: 200,
      body: { workflow_runs: states.map(([status, conclusion], i) => run(sha, status, conclusion, i + 1)) },
    });
    const result = await gate(["--sha", sha]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("does not take a run of another commit for this one", async () => {
    const sha = newSha();
    answers.set(sha, { status: 200, body: { workflow_runs: [run(newSha(), "completed", "success")] } });
    const result = await gate(["--sha", sha]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/has no run for this commit/);
  });

  it("refuses when the API answers an error, naming the status and GitHub's message, never the token", async () => {
    const sha = newSha();
    answers.set(sha, { status: 403, body: { message: "Resource not accessible by integration" } });
    const result = await gate(["--sha", sha]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `error: The GitHub API answered 403 (Resource not accessible by integration) when asked for the CI runs of ${sha}, so the deploy is refused; check that the job has permissions actions: read.`,
    );
    expect(result.stderr).not.toContain(token);
  });

  it("refuses when the API answers something that is not a runs list", async () => {
    const sha = newSha();
    answers.set(sha, { status: 200, body: { workflow_runs: [{ id: 1 }] } });
    const result = await gate(["--sha", sha]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/has no workflow_runs list, so the deploy is refused/);
  });

  it("refuses when the API cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await gate(["--sha", newSha()], { GITHUB_API_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: Cannot ask the GitHub API at http:\/\/127\.0\.0\.1:\d+ for the CI runs of \w{40} \(.+\), so the deploy is refused\.$/m,
    );
  });

  it.each([
    [["--sha", "abc123"], {}, /--sha "abc123" is not a full commit id; pass all 40 lower-case hex digits/],
    [[], {}, /--sha is required/],
    [["--sha", "0".repeat(40), "--ref", "main"], {}, /Unknown argument --ref/],
    [
      ["--sha", "0".repeat(40)],
      { GITHUB_TOKEN: "" },
      /GITHUB_TOKEN is not set; give the step the workflow's token/,
    ],
    [
      ["--sha", "0".repeat(40)],
      { GITHUB_REPOSITORY: "portal" },
      /GITHUB_REPOSITORY="portal" must be owner\/name/,
    ],
    [
      ["--sha", "0".repeat(40)],
      { GITHUB_API_URL: "api.github.com" },
      /GITHUB_API_URL="api.github.com" is not an http\(s\) URL/,
    ],
  ])("rejects bad input %j %j before asking anything", async (args, env, message) => {
    const before = requests.length;
    const result = await gate(args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(requests.length).toBe(before);
  });
});
