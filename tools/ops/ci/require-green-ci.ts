import { UsageError } from "../lib/db-target";
import { isMain, runMain } from "../lib/db-target-exec";

/**
 * The deploy workflow's gate for a manual run: deploy a commit only when the CI workflow passed on
 * it. Asks the GitHub REST API for the CI runs of that exact commit
 * (GET /repos/{owner}/{repo}/actions/workflows/{workflow}/runs?head_sha=…).
 */

export type Verdict =
  | { readonly green: true; readonly message: string }
  | { readonly green: false; readonly message: string };

interface WorkflowRun {
  readonly id: number;
  readonly head_sha: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly html_url: string;
  readonly event: string;
  readonly created_at: string;
}

export interface GateOptions {
  readonly apiUrl: string;
  readonly repository: string;
  readonly sha: string;
  readonly token: string;
  readonly workflow: string;
  readonly timeoutMs?: number;
}

const SHA = /^[0-9a-f]{40}$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

const isRun = (value: unknown): value is WorkflowRun => {
  const run = value as Partial<WorkflowRun> | null;
  return (
    typeof run === "object" &&
    run !== null &&
    typeof run.head_sha === "string" &&
    typeof run.status === "string" &&
    (run.conclusion === null || typeof run.conclusion === "string") &&
    typeof run.html_url === "string"
  );
};

const fetchRuns = async (options: GateOptions): Promise<WorkflowRun[]> => {
  const { apiUrl, repository, sha, workflow } = options;
  const url = new URL(
    `${apiUrl.replace(/\/+$/, "")}/repos/${repository}/actions/workflows/${encodeURIComponent(workflow)}/runs`,
  );
  url.searchParams.set("head_sha", sha);
  url.searchParams.set("per_page", "100");
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${options.token}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "parametric-portal-deploy",
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new Error(
      `Cannot ask the GitHub API at ${url.origin} for the CI runs of ${sha} (${(error as Error).message}), so the deploy is refused.`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    // GitHub's error bodies are `{ message, documentation_url }`; the token is never in them.
    let reason = text.slice(0, 200);
    try {
      reason = String((JSON.parse(text) as { message?: unknown }).message ?? reason);
    } catch {}
    throw new Error(
      `The GitHub API answered ${response.status} (${reason}) when asked for the CI runs of ${sha}, so the deploy is refused; check that the job has permissions actions: read.`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(
      `The GitHub API's answer for the CI runs of ${sha} is not JSON, so the deploy is refused.`,
    );
  }
  const runs = (body as { workflow_runs?: unknown }).workflow_runs;
  if (!Array.isArray(runs) || !runs.every(isRun)) {
    throw new Error(
      `The GitHub API's answer for the CI runs of ${sha} has no workflow_runs list, so the deploy is refused.`,
    );
  }
  // head_sha is a filter on GitHub's side; checked again so a wrong answer cannot pass a commit.
  return runs.filter((run) => run.head_sha === sha);
};

/**
 * Green when some run of the CI workflow on this commit concluded `success` (a re-run that passed
 * counts); otherwise one sentence saying why not.
 */
export const ciVerdict = async (options: GateOptions): Promise<Verdict> => {
  const { sha, workflow } = options;
  const runs = await fetchRuns(options);
  const passed = runs.find((run) => run.status === "completed" && run.conclusion === "success");
  if (passed) return { green: true, message: `CI (${workflow}) passed on ${sha}: ${passed.html_url}` };
  if (runs.length === 0) {
    return {
      green: false,
      message: `Refusing to deploy ${sha}: ${workflow} has no run for this commit, so it was never tested; push it (or open a pull request) and deploy once CI is green.`,
    };
  }
  const running = runs.find((run) => run.status !== "completed");
  if (running) {
    return {
      green: false,
      message: `Refusing to deploy ${sha}: its ${workflow} run is still ${running.status.replace(/_/g, " ")} (${running.html_url}); deploy again once it has passed.`,
    };
  }
  const [latest] = [...runs].sort((a, b) => b.created_at.localeCompare(a.created_at));
  return {
    green: false,
    message: `Refusing to deploy ${sha}: its ${workflow} run concluded ${latest?.conclusion ?? "without a result"} (${latest?.html_url}), not success; fix it and deploy a green commit.`,
  };
};

const USAGE =
  "usage: tsx tools/ops/ci/require-green-ci.ts --sha <40-hex commit> [--workflow ci.yml]   (reads GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN)";

export const parseArgs = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): GateOptions => {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? "";
    const value = argv[i + 1];
    if (flag !== "--sha" && flag !== "--workflow") throw new UsageError(`Unknown argument ${flag}. ${USAGE}`);
    if (value === undefined || value.startsWith("--"))
      throw new UsageError(`${flag} needs a value. ${USAGE}`);
    values[flag] = value;
  }
  const sha = values["--sha"];
  if (sha === undefined) throw new UsageError(`--sha is required. ${USAGE}`);
  if (!SHA.test(sha)) {
    throw new UsageError(
      `--sha ${JSON.stringify(sha)} is not a full commit id; pass all 40 lower-case hex digits (git rev-parse HEAD).`,
    );
  }
  const workflow = values["--workflow"] ?? "ci.yml";
  if (!/^[\w.-]+\.ya?ml$/.test(workflow)) {
    throw new UsageError(
      `--workflow ${JSON.stringify(workflow)} must be a workflow file name such as ci.yml.`,
    );
  }
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
    throw new UsageError(
      `GITHUB_API_URL=${JSON.stringify(apiUrl)} is not an http(s) URL; leave it unset for https://api.github.com.`,
    );
  }
  const repository = env.GITHUB_REPOSITORY ?? "";
  if (!REPOSITORY.test(repository)) {
    throw new UsageError(
      `GITHUB_REPOSITORY=${JSON.stringify(repository)} must be owner/name (GitHub Actions sets it).`,
    );
  }
  const token = env.GITHUB_TOKEN ?? "";
  if (token === "") {
    throw new UsageError(
      "GITHUB_TOKEN is not set; give the step the workflow's token (secrets.GITHUB_TOKEN) in GITHUB_TOKEN, with permissions actions: read.",
    );
  }
  return { apiUrl, repository, sha, token, workflow };
};

export const main = async (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> => {
  const verdict = await ciVerdict(parseArgs(argv, env));
  if (verdict.green) console.log(verdict.message);
  else console.error(`error: ${verdict.message}`);
  return verdict.green ? 0 : 1;
};

if (isMain(import.meta.url)) runMain(() => main(process.argv.slice(2), process.env));
