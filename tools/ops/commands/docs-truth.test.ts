import { execFileSync } from "node:child_process";
import { existsSync, globSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";

/**
 * The operations manual must stay true of the code: every variable the API reads, every mise task,
 * every Nx command and every repository path it names. Each check parses the real source it
 * compares against, so the docs fail here instead of on an operator's terminal.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");
const OPS_DOC = "docs/operations.md";

// config.ts builds per-provider names as `${prefix}_CLIENT_ID` with prefix `OAUTH_<PROVIDER>`.
const PREFIX_PLACEHOLDER = /\$\{prefix\}/;

/** Names read through config.ts's Reader (`r.port("API_PORT", …)`), templates expanded per provider. */
export const envNamesOfConfig = (source: string): string[] => {
  // The provider loop runs over an inline list or over contracts' OAUTH_PROVIDERS (its source is
  // then passed in too).
  const list =
    source.match(/for \(const provider of \[([^\]]+)\]/)?.[1] ??
    source.match(/export const OAUTH_PROVIDERS = \[([^\]]+)\]/)?.[1] ??
    "";
  const providers = [...list.matchAll(/"(\w+)"/g)].map((m) => `OAUTH_${m[1]?.toUpperCase()}`);
  const names = new Set<string>();
  const calls =
    /\br\.(?:string|oneOf(?:<[^>]*>)?|port|positiveInt|boolean|url|encryptionKey)\(\s*(["`])([^"`]+)\1/g;
  for (const [, , name = ""] of source.matchAll(calls)) {
    if (PREFIX_PLACEHOLDER.test(name))
      for (const p of providers) names.add(name.replace(PREFIX_PLACEHOLDER, p));
    else names.add(name);
  }
  for (const [, name = ""] of source.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) names.add(name);
  return [...names].sort();
};

/** The body of one numbered section (`### [3.1][…]`) up to the next heading of any level. */
export const section = (markdown: string, number: string): string => {
  const start = markdown.indexOf(`[${number}][`);
  if (start < 0) return "";
  const rest = markdown.slice(start);
  const end = rest.slice(1).search(/\n#{2,3} \[/);
  return end < 0 ? rest : rest.slice(0, end + 1);
};

const tableRows = (markdown: string): string =>
  markdown
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .join("\n");

/** A variable counts as documented when a table row names it, or its `OAUTH_<PROVIDER>_…` form. */
export const undocumentedVariables = (names: readonly string[], rows: string): string[] =>
  names.filter((name) => {
    const generic = name.replace(/^OAUTH_(GITHUB|GOOGLE|MICROSOFT)_/, "OAUTH_<PROVIDER>_");
    return ![name, generic].some((n) => new RegExp(`(?<![A-Z0-9_])${n}(?![A-Z0-9_])`).test(rows));
  });

export const miseRuns = (markdown: string): string[] => [
  ...new Set([...markdown.matchAll(/\bmise run ([a-z0-9][a-z0-9-]*)/g)].map((m) => m[1] ?? "")),
];

interface NxCommand {
  readonly text: string;
  readonly project?: string;
  readonly target: string;
}

export const nxCommands = (markdown: string): NxCommand[] => {
  const found: NxCommand[] = [];
  for (const m of markdown.matchAll(/\bnx run (@[\w./-]+|[\w.-]+):([\w:-]+)/g))
    found.push({ text: m[0], project: m[1], target: m[2] ?? "" });
  for (const m of markdown.matchAll(/\bnx (?:run-many|affected) -t ([\w:-]+)/g))
    found.push({ text: m[0], target: m[1] ?? "" });
  for (const m of markdown.matchAll(/\bpnpm exec nx (?!run\b|run-many\b|affected\b)([\w:-]+) (@[\w./-]+)/g))
    found.push({ text: m[0], project: m[2], target: m[1] ?? "" });
  return found;
};

/** Workspace projects and their targets: Nx infers them from package.json scripts (no project.json here). */
const workspaceTargets = (): Map<string, Set<string>> => {
  const projects = new Map<string, Set<string>>();
  for (const parent of ["apps", "packages", "tools"]) {
    for (const dir of readdirSync(path.join(ROOT, parent))) {
      const file = path.join(parent, dir, "package.json");
      if (!existsSync(path.join(ROOT, file))) continue;
      expect(existsSync(path.join(ROOT, parent, dir, "project.json")), `${parent}/${dir}/project.json`).toBe(
        false,
      );
      const pkg = JSON.parse(read(file)) as { name: string; scripts?: Record<string, string> };
      projects.set(pkg.name, new Set(Object.keys(pkg.scripts ?? {})));
    }
  }
  return projects;
};

const REPO_PATH = /^(?:apps|packages|tools|infrastructure|e2e|docs|bench|\.github)\/[^\s`'"]*$/;

/** The text of inline code spans and fenced blocks: where commands and paths are written. */
const codeOf = (markdown: string): string[] =>
  [...markdown.matchAll(/`([^`\n]+)`/g), ...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map(
    (m) => m[1] ?? "",
  );

/** Repository paths the manual names, from inline code and fenced blocks alike. */
export const repoPaths = (markdown: string): string[] => {
  const tokens = codeOf(markdown)
    .flatMap((code) => code.split(/[\s=]+/))
    .map((token) => token.replace(/^["'(]+|["'),;:.]+$/g, ""));
  return [...new Set(tokens.filter((token) => REPO_PATH.test(token)))];
};

// §6's worked example and what `mise run new-app NAME` creates, and git-ignored folders that
// `pnpm dev` and builds create: none of them is in a fresh clone.
const EXAMPLE_PATH = /(^|\/)(new-app|NAME|\.data|dist)(\/|$)/;

/** `<placeholder>`, `*` and `{a,b}` become globs; a path is true when at least one file matches. */
export const pathExists = (repoPath: string): boolean => {
  const braces = repoPath.match(/\{([^}]+)\}/);
  if (braces)
    return (braces[1] ?? "").split(",").every((alt) => pathExists(repoPath.replace(braces[0], alt)));
  const pattern = repoPath.replace(/<[^>]+>/g, "*").replace(/\/$/, "");
  if (!pattern.includes("*")) return existsSync(path.join(ROOT, pattern));
  return globSync(pattern, { cwd: ROOT }).length > 0;
};

/** Relative link targets of a markdown file (`[text](../apps/api)`), anchors dropped. */
export const relativeLinks = (markdown: string): string[] =>
  [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => (m[1] ?? "").split("#")[0] ?? "")
    .filter((target) => target !== "" && !/^[a-z]+:/.test(target));

describe("docs-truth parsers", () => {
  it("reads plain, typed and per-provider variable names from a config module", () => {
    const source = `for (const provider of ["github", "google"] as const) {
      r.string(\`\${prefix}_CLIENT_ID\`); r.port("API_PORT", 4000); r.oneOf<NodeEnv>("NODE_ENV", [], "x");
      r.url("OAUTH_GITHUB_API_URL", undefined); process.env.MIGRATIONS_DIR; r.problems.push("NOT_READ") }`;
    expect(envNamesOfConfig(source)).toEqual([
      "API_PORT",
      "MIGRATIONS_DIR",
      "NODE_ENV",
      "OAUTH_GITHUB_API_URL",
      "OAUTH_GITHUB_CLIENT_ID",
      "OAUTH_GOOGLE_CLIENT_ID",
    ]);
  });

  it("flags variables no table row names, and accepts the per-provider form", () => {
    const rows = "| `API_PORT` | 4000 |\n| `OAUTH_<PROVIDER>_ISSUER_URL` | none |";
    expect(undocumentedVariables(["API_PORT", "API_PORT_X", "OAUTH_GOOGLE_ISSUER_URL", "API"], rows)).toEqual(
      ["API_PORT_X", "API"],
    );
  });

  it("finds mise tasks, Nx commands and repository paths in markdown", () => {
    const md =
      "Run `mise run doctor --x`.\n```bash\nmise run new-app a\npnpm exec nx dev @p/api\npnpm exec nx run @p/api:migrate\n" +
      "pnpm exec nx affected -t docker:build\nkubectl apply -f infrastructure/a.yaml\n```\nSee `apps/api/src/x.ts`, `/opt/x`.";
    expect(miseRuns(md)).toEqual(["doctor", "new-app"]);
    expect(nxCommands(md).map((c) => `${c.project ?? "*"} ${c.target}`)).toEqual([
      "@p/api migrate",
      "* docker:build",
      "@p/api dev",
    ]);
    expect(repoPaths(md).sort()).toEqual(["apps/api/src/x.ts", "infrastructure/a.yaml"]);
    expect(relativeLinks("[a](../apps/api#x) [b](https://x.io) [c](adr/) [d](#top)")).toEqual([
      "../apps/api",
      "adr/",
    ]);
  });

  it("expands placeholders, globs and braces against the checkout", () => {
    expect(pathExists("apps/<image>/Dockerfile")).toBe(true);
    expect(pathExists("infrastructure/base/network-policy-*.yaml")).toBe(true);
    expect(pathExists("infrastructure/apps/{api,icons}/")).toBe(true);
    expect(pathExists("infrastructure/apps/{api,nothing-here}/")).toBe(false);
    expect(pathExists("apps/api/src/no-such-file.ts")).toBe(false);
  });
});

describe("docs/operations.md is true of the repository", () => {
  const doc = read(OPS_DOC);

  it("lists every variable the API reads, in a §3.1 table", () => {
    const names = envNamesOfConfig(
      read("apps/api/src/config.ts") +
        read("apps/api/src/migrate.ts") +
        read("packages/contracts/src/providers.ts"),
    );
    // A parser that silently stopped matching would make this test pass vacuously.
    expect(names).toEqual(
      expect.arrayContaining(["API_PORT", "POSTGRES_HOST", "OAUTH_MICROSOFT_CLIENT_SECRET"]),
    );
    expect(names.length).toBeGreaterThan(30);
    expect(undocumentedVariables(names, tableRows(section(doc, "3.1")))).toEqual([]);
  });

  it("names only mise tasks that exist, and documents every task", () => {
    const tasks = Object.keys(
      (parseToml(read("mise.toml")) as { tasks?: Record<string, unknown> }).tasks ?? {},
    );
    expect(tasks.length).toBeGreaterThan(0);
    const documented = miseRuns(doc);
    expect(documented.filter((task) => !tasks.includes(task))).toEqual([]);
    expect(tasks.filter((task) => !documented.includes(task))).toEqual([]);
  });

  it("names only Nx projects and targets that exist", () => {
    const projects = workspaceTargets();
    const commands = nxCommands(doc);
    expect(commands.length).toBeGreaterThan(5);
    const wrong = commands.filter(({ project, target }) =>
      project === undefined
        ? ![...projects.values()].some((targets) => targets.has(target))
        : !projects.get(project)?.has(target),
    );
    expect(wrong.map((c) => c.text)).toEqual([]);
  });

  it("expands the pod's own variables inside the pod: kubectl exec … -- sh -c '… \"$VAR\" …'", () => {
    // `kubectl exec … -- psql -U "$POSTGRES_USER"` expands in the operator's shell, where the
    // variable is unset or different; only single quotes hand it to the container's shell.
    const execs = codeOf(doc)
      .flatMap((code) => code.split("\n"))
      .filter((line) => /kubectl exec\b/.test(line));
    expect(execs.some((line) => line.includes("$POSTGRES_USER"))).toBe(true);
    const wrong = execs.filter((line) => {
      const command = line.split(" -- ")[1] ?? "";
      const quoted = /^sh -c '[^']*'/.exec(command)?.[0] ?? "";
      return /\$\{?[A-Z]/.test(command) && !/\$\{?[A-Z]/.test(quoted);
    });
    expect(wrong).toEqual([]);
  });

  it("names only repository paths that exist", () => {
    const paths = repoPaths(doc).filter((p) => !EXAMPLE_PATH.test(p));
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => !pathExists(p))).toEqual([]);
  });
});

describe("the other docs point at what exists", () => {
  const docs = ["README.md", ...globSync("docs/**/*.md", { cwd: ROOT })];

  it("every relative link in README.md and docs/ resolves", () => {
    expect(docs).toEqual(expect.arrayContaining(["docs/architecture.md", "docs/adr/README.md"]));
    const broken = docs.flatMap((doc) =>
      relativeLinks(read(doc))
        .filter((target) => !existsSync(path.join(ROOT, path.dirname(doc), target)))
        .map((target) => `${doc} -> ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it("every `pnpm <script>` and `pnpm --filter <project> <script>` names a script that exists", () => {
    const rootScripts = Object.keys((JSON.parse(read("package.json")) as { scripts: object }).scripts);
    const projects = workspaceTargets();
    const builtins = new Set(["install", "exec", "add", "dlx", "run", "fetch", "deploy"]);
    const wrong = docs.flatMap((doc) => {
      const text = codeOf(read(doc)).join("\n");
      const plain = [...text.matchAll(/\bpnpm(?:@[\d.]+)? ([a-z][\w:-]*)/g)]
        .map((m) => m[1] ?? "")
        .filter((script) => !builtins.has(script) && !rootScripts.includes(script));
      const filtered = [...text.matchAll(/\bpnpm --filter (\S+) ([a-z][\w:-]*)/g)]
        .filter(
          ([, project = "", script = ""]) => !builtins.has(script) && !projects.get(project)?.has(script),
        )
        .map((m) => m[0]);
      return [...plain, ...filtered].map((command) => `${doc}: ${command}`);
    });
    expect(wrong).toEqual([]);
  });

  it("every variable the manual names is used by some code or manifest", () => {
    const sources = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
      .split("\0")
      // Not docs, not binaries, and not this file, whose own examples would count as uses.
      .filter(
        (file) => file !== "" && !/\.(md|png)$|docs-truth/.test(file) && existsSync(path.join(ROOT, file)),
      )
      .map((file) => read(file))
      .join("\n");
    const named = [...new Set([...read(OPS_DOC).matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1] ?? ""))];
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((name) => !new RegExp(`(?<![A-Z0-9_])${name}(?![A-Z0-9_])`).test(sources))).toEqual(
      [],
    );
  });
});
