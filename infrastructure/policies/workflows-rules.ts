import { existsSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";

/** The parts of a GitHub Actions workflow these checks read. */
interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}
interface Job {
  readonly needs?: string | string[];
  readonly permissions?: Record<string, string> | string;
  readonly steps?: Step[];
  readonly env?: Record<string, unknown>;
}
export interface Workflow {
  readonly name?: string;
  readonly on?: unknown;
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

export const parseWorkflow = (source: string): Workflow => {
  const document = parseDocument(source);
  if (document.errors.length > 0) throw new Error(`Not valid YAML: ${document.errors[0]?.message}`);
  const workflow = document.toJS() as Workflow;
  if (!workflow?.jobs || typeof workflow.jobs !== "object") throw new Error("The workflow has no jobs.");
  return workflow;
};

const writeScopes = (permissions: Job["permissions"]): string[] => {
  if (permissions === undefined) return [];
  if (typeof permissions === "string") return permissions === "read-all" ? [] : ["*"];
  return Object.entries(permissions)
    .filter(([, level]) => level === "write")
    .map(([scope]) => scope);
};

// Repository paths that run steps execute or read; `${{ matrix.x }}` parts are checked per value.
const REPO_PATH =
  /(?:^|[\s"'=])((?:tools|apps|packages|infrastructure|scripts)\/[\w.${}\s/-]*?\.(?:ts|mjs|sh|ya?ml)|apps\/[\w.${}\s/-]+?\/Dockerfile)\b/g;

/** Every repository path a workflow's `run:` scripts, `with:` inputs and env values mention. */
export const referencedPaths = (workflow: Workflow): string[] => {
  const texts: string[] = Object.values(workflow.env ?? {}).map(String);
  for (const job of Object.values(workflow.jobs)) {
    texts.push(...Object.values(job.env ?? {}).map(String));
    for (const step of job.steps ?? []) {
      if (step.run) texts.push(step.run);
      texts.push(...Object.values(step.with ?? {}).map(String), ...Object.values(step.env ?? {}).map(String));
    }
  }
  return [...new Set(texts.flatMap((text) => [...text.matchAll(REPO_PATH)].map((match) => match[1] ?? "")))];
};

/**
 * Structural rules: `needs` name existing jobs, every referenced path exists (expanding
 * `${{ matrix.<key> }}` with the given values), the top level grants nothing beyond read, and each
 * job gets only the write scopes listed for it.
 */
export const checkWorkflow = (
  workflow: Workflow,
  options: {
    readonly repoRoot: string;
    readonly allowedWrites: Record<string, readonly string[]>;
    readonly matrixValues?: Record<string, readonly string[]>;
  },
): string[] => {
  const problems: string[] = [];
  const jobs = Object.keys(workflow.jobs);
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const needs = job.needs === undefined ? [] : [job.needs].flat();
    for (const need of needs) {
      if (!jobs.includes(need))
        problems.push(`Job ${name} needs "${need}", which is not a job in this workflow.`);
    }
    const allowed = options.allowedWrites[name] ?? [];
    for (const scope of writeScopes(job.permissions)) {
      if (!allowed.includes(scope)) problems.push(`Job ${name} must not have ${scope}: write.`);
    }
  }
  if (workflow.permissions === undefined) {
    problems.push(
      "Set top-level permissions (e.g. `permissions: {}`) so jobs do not inherit the default token scopes.",
    );
  }
  for (const scope of writeScopes(workflow.permissions)) {
    problems.push(
      `Top-level permissions grant ${scope}: write to every job; grant it to the job that needs it.`,
    );
  }
  for (const reference of referencedPaths(workflow)) {
    const variants = reference.includes("${{")
      ? Object.entries(options.matrixValues ?? {}).flatMap(([key, values]) =>
          values.map((value) =>
            reference.replace(new RegExp(`\\$\\{\\{\\s*matrix\\.${key}\\s*\\}\\}`, "g"), value),
          ),
        )
      : [reference];
    if (variants.length === 0 || variants.some((variant) => variant.includes("${{"))) {
      problems.push(`${reference} uses an expression the check cannot expand.`);
    }
    for (const variant of variants) {
      if (!existsSync(path.join(options.repoRoot, variant)))
        problems.push(`${variant} is referenced but does not exist.`);
    }
  }
  return problems;
};

const USES_LINE = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/;
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const TAG_COMMENT = /^\s+#\s*v\d+(?:\.\d+){0,2}\S*\s*$/;

/**
 * Supply-chain rule, read from the raw text because YAML parsing drops comments: every `uses:` of
 * another repository names a full 40-hex commit (a tag or branch can be moved to other code) and
 * keeps the tag it stands for in a comment, so updates stay reviewable. `./` local actions and
 * `docker://` images are outside this rule.
 */
export const unpinnedUses = (source: string, file: string): string[] =>
  source.split("\n").flatMap((line, index) => {
    const match = USES_LINE.exec(line);
    if (!match) return [];
    const [, reference = "", rest = ""] = match;
    if (reference.startsWith("./") || reference.startsWith("docker://")) return [];
    const where = `${file}:${index + 1}`;
    const action = reference.split("@")[0];
    if (!PINNED.test(reference)) {
      return [
        `${where} uses ${reference}: pin it by full commit SHA with its tag in a comment, e.g. uses: ${action}@<40-hex sha> # v4.2.2.`,
      ];
    }
    if (!TAG_COMMENT.test(rest)) {
      return [
        `${where} uses ${reference} without the tag it stands for: add it as a comment, e.g. # v4.2.2.`,
      ];
    }
    return [];
  });
