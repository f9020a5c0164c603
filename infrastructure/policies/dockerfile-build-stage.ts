import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import dockerignore from "@balena/dockerignore";
import { DockerfileParser, type Instruction, type ModifiableInstruction } from "dockerfile-ast";
import { parse as parseYaml } from "yaml";

/**
 * Checks a Dockerfile's build stage against the workspace without running it: every COPY source is
 * in the build context, every RUN names a script, package and package script that exist in what
 * the stage copied, and every workspace the lockfile installs is sent with the context. The real
 * bundles are built once, by the bundle tests (tools/ops/docker), from the same scripts the RUN
 * steps name; this check catches the Dockerfile-only mistakes in milliseconds.
 */

export interface BuildStageCheck {
  readonly dockerfile: string;
  readonly stage: string;
  readonly contextRoot: string;
  /** Context-relative file contents that replace what is on disk (a mutated Dockerfile in tests). */
  readonly overrides?: Readonly<Record<string, string>>;
}

const args = (instruction: Instruction): string[] =>
  (instruction as ModifiableInstruction).getArguments().map((argument) => argument.getValue());

/** Relative paths of every file Docker would send as the build context, by Docker's own matching. */
export const contextFiles = (contextRoot: string, ignoreRules?: string): string[] => {
  const rules = ignoreRules ?? readFileSync(path.join(contextRoot, ".dockerignore"), "utf8");
  const lines = rules.split("\n").map((line) => line.trim());
  const ignored = dockerignore().add(lines);
  // A `!` rule can bring back a file under an excluded folder, so such a folder is still walked.
  const reincluded = lines.filter((line) => line.startsWith("!")).map((line) => line.slice(1));
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(contextRoot, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        const pruned = ignored.ignores(child) && !reincluded.some((rule) => rule.startsWith(`${child}/`));
        if (!pruned) walk(child);
      } else if (entry.isFile() && !ignored.ignores(child)) files.push(child);
    }
  };
  walk("");
  return files;
};

interface Workspace {
  readonly dir: string;
  readonly name: string;
  readonly scripts: Record<string, string>;
  readonly workspaceDeps: string[];
}

const PNPM_FILTER = /\bpnpm\s+(?:--filter|-F)[= ]\s*(\S+)\s+(?:run\s+)?([\w:-]+)/g;
const SH_SCRIPT = /^sh\s+(\S+\.sh)\b/;
const NODE_FILE = /\b(?:node|tsx)\s+([\w./-]+\.(?:m?js|ts))\b/g;

/** Problems with the named stage, each saying what is wrong and where to fix it; empty when sound. */
export const checkBuildStage = (check: BuildStageCheck): string[] => {
  const read = (relative: string): string =>
    check.overrides?.[relative] ?? readFileSync(path.join(check.contextRoot, relative), "utf8");
  const dockerfileRelative = path.relative(check.contextRoot, check.dockerfile);
  const context = new Set(contextFiles(check.contextRoot, check.overrides?.[".dockerignore"]));
  const problems: string[] = [];
  const where = (instruction: Instruction) =>
    `${dockerfileRelative}:${instruction.getRange().start.line + 1} (${instruction.getTextContent().split("\n")[0]})`;

  const instructions = DockerfileParser.parse(read(dockerfileRelative)).getInstructions();
  const start = instructions.findIndex(
    (i) =>
      i.getKeyword() === "FROM" && args(i).at(-1) === check.stage && args(i).at(-2)?.toUpperCase() === "AS",
  );
  if (start < 0)
    return [`${dockerfileRelative} has no stage named "${check.stage}" (FROM … AS ${check.stage}).`];
  const end = instructions.findIndex((i, index) => index > start && i.getKeyword() === "FROM");

  // What the stage's working folder holds so far: COPY adds context files, nothing else does.
  const copied = new Set<string>();
  const has = (file: string) => copied.has(path.posix.normalize(file));
  let workspaces: Workspace[] | undefined;
  const workspacesNow = (): Workspace[] => {
    workspaces ??= readWorkspaces(read, [...copied]);
    return workspaces;
  };

  for (const instruction of instructions.slice(start + 1, end < 0 ? undefined : end)) {
    const keyword = instruction.getKeyword();
    if (keyword === "COPY") {
      const flags = (instruction as ModifiableInstruction).getFlags().map((flag) => flag.getName());
      if (flags.includes("from")) continue;
      for (const source of args(instruction).slice(0, -1)) {
        const selected =
          source === "."
            ? [...context]
            : [...context].filter((f) => f === source || f.startsWith(`${source}/`));
        if (selected.length === 0)
          problems.push(
            `${where(instruction)}: COPY ${source} is not in the build context (missing, or excluded by .dockerignore).`,
          );
        for (const file of selected) copied.add(file);
      }
      workspaces = undefined;
    } else if (keyword === "RUN") {
      const command = args(instruction)
        .filter((word) => !word.startsWith("--mount="))
        .join(" ");
      problems.push(...checkCommand(command, where(instruction), { has, read, workspaces: workspacesNow }));
    } else if (!["ARG", "ENV", "WORKDIR", "USER", "LABEL"].includes(keyword)) {
      problems.push(
        `${where(instruction)}: ${keyword} in a build stage is not understood by this check; extend it.`,
      );
    }
  }
  return problems;
};

interface CommandScope {
  readonly has: (file: string) => boolean;
  readonly read: (file: string) => string;
  readonly workspaces: () => Workspace[];
}

const checkCommand = (command: string, where: string, scope: CommandScope): string[] => {
  if (/^npm install --global\b.*\bpnpm@\S+$/.test(command)) return []; // the version: dockerfile-rules
  if (/^pnpm (fetch|install)\b/.test(command)) return checkInstall(command, where, scope);
  const script = SH_SCRIPT.exec(command)?.[1];
  if (script) {
    if (!scope.has(script))
      return [`${where}: runs ${script}, which the stage has not copied from the context.`];
    const body = scope.read(script);
    return [...body.matchAll(PNPM_FILTER)].flatMap(([, name = "", task = ""]) =>
      checkPackageScript(name, task, `${where} → ${script}`, scope),
    );
  }
  const filtered = [...command.matchAll(PNPM_FILTER)];
  if (filtered.length > 0)
    return filtered.flatMap(([, name = "", task = ""]) => checkPackageScript(name, task, where, scope));
  return [`${where}: "${command}" is not a command this check understands; extend checkCommand.`];
};

const checkInstall = (command: string, where: string, scope: CommandScope): string[] => {
  const problems: string[] = [];
  for (const file of ["pnpm-lock.yaml", "pnpm-workspace.yaml"])
    if (!scope.has(file))
      problems.push(`${where}: ${command.split(" ", 2).join(" ")} needs ${file} copied first.`);
  if (!command.startsWith("pnpm install") || problems.length > 0) return problems;
  // --frozen-lockfile fails when a workspace the lockfile names is missing from the context.
  const lock = parseYaml(scope.read("pnpm-lock.yaml")) as { importers?: Record<string, unknown> };
  for (const importer of Object.keys(lock.importers ?? {})) {
    const manifest = importer === "." ? "package.json" : `${importer}/package.json`;
    if (!scope.has(manifest))
      problems.push(
        `${where}: the lockfile installs ${importer}, but ${manifest} is not in the stage (check .dockerignore).`,
      );
  }
  return problems;
};

const checkPackageScript = (name: string, task: string, where: string, scope: CommandScope): string[] => {
  const all = scope.workspaces();
  const target = all.find((w) => w.name === name);
  if (!target) return [`${where}: pnpm --filter ${name}: no workspace package of that name is in the stage.`];
  const body = target.scripts[task];
  if (body === undefined)
    return [`${where}: ${name} has no "${task}" script (it has: ${Object.keys(target.scripts).join(", ")}).`];
  const problems: string[] = [];
  for (const [, file = ""] of body.matchAll(NODE_FILE)) {
    const relative = path.posix.join(target.dir, file);
    if (!scope.has(relative))
      problems.push(`${where}: ${name}'s "${task}" runs ${relative}, which is not in the stage.`);
  }
  // The build compiles the package's workspace dependencies from source.
  const seen = new Set<string>();
  const visit = (workspace: Workspace) => {
    for (const dependency of workspace.workspaceDeps) {
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      const found = all.find((w) => w.name === dependency);
      if (!found)
        problems.push(`${where}: ${workspace.name} depends on ${dependency}, which is not in the stage.`);
      else visit(found);
    }
  };
  visit(target);
  return problems;
};

/** Workspace packages among the copied files, by the globs of pnpm-workspace.yaml. */
const readWorkspaces = (read: (file: string) => string, copied: string[]): Workspace[] => {
  if (!copied.includes("pnpm-workspace.yaml")) return [];
  const { packages = [] } = parseYaml(read("pnpm-workspace.yaml")) as { packages?: string[] };
  const patterns = packages.map((glob) => new RegExp(`^${glob.replace(/\*/g, "[^/]+")}/package\\.json$`));
  return copied
    .filter((file) => patterns.some((pattern) => pattern.test(file)))
    .map((file) => {
      const manifest = JSON.parse(read(file)) as {
        name?: string;
        scripts?: Record<string, string>;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const deps = { ...manifest.dependencies, ...manifest.devDependencies };
      return {
        dir: path.posix.dirname(file),
        name: manifest.name ?? "",
        scripts: manifest.scripts ?? {},
        workspaceDeps: Object.entries(deps)
          .filter(([, version]) => version.startsWith("workspace:"))
          .map(([dependency]) => dependency),
      };
    });
};
