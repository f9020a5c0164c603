import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import dockerignore from "@balena/dockerignore";
import {
  DockerfileParser,
  type Instruction,
  type ModifiableInstruction,
  type Property,
} from "dockerfile-ast";

/**
 * Runs one stage of a Dockerfile on this machine, for the machines without a Docker engine: the
 * build context is the folder filtered by its .dockerignore (Docker's own matching rules), COPY
 * copies from it, ARG/ENV set the environment, and RUN runs each command with `sh -c` in a
 * folder standing in for WORKDIR. Only what a build stage of this repository uses is supported;
 * anything else fails loudly instead of being skipped silently.
 */

/** Relative paths of every file Docker would send as the build context. */
export const contextFiles = (contextRoot: string): string[] => {
  const ignoreFile = path.join(contextRoot, ".dockerignore");
  const rules = readFileSync(ignoreFile, "utf8");
  const ignored = dockerignore().add(rules.split("\n"));
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(contextRoot, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      // A pruned folder is not walked: that skips node_modules trees without reading them.
      if (ignored.ignores(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  walk("");
  return files;
};

export interface StageOptions {
  readonly dockerfile: string;
  readonly stage: string;
  readonly contextRoot: string;
  /** The folder standing in for the stage's WORKDIR. */
  readonly workdir: string;
  /** Absolute container paths mapped to folders here (e.g. the cache mount, the output folder). */
  readonly paths: Record<string, string>;
  /** Commands that need something this machine already provides (e.g. installing pnpm globally). */
  readonly skip?: (command: string) => boolean;
  /** Extra words for a command, e.g. `pnpm fetch` gets --offline so a test never reaches a registry. */
  readonly rewrite?: (command: string) => string;
  readonly env?: NodeJS.ProcessEnv;
}

const args = (instruction: Instruction) =>
  (instruction as ModifiableInstruction).getArguments().map((argument) => argument.getValue());

const properties = (instruction: Instruction): Property[] =>
  instruction.getKeyword() === "ARG"
    ? [(instruction as unknown as { getProperty(): Property | null }).getProperty()].filter(
        (p): p is Property => p !== null,
      )
    : (instruction as unknown as { getProperties(): Property[] }).getProperties();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Runs the named stage; returns the commands it ran, after path mapping. */
export const runStage = (options: StageOptions): string[] => {
  const dockerfile = DockerfileParser.parse(readFileSync(options.dockerfile, "utf8"));
  const instructions = dockerfile.getInstructions();
  const start = instructions.findIndex(
    (i) =>
      i.getKeyword() === "FROM" && args(i).at(-1) === options.stage && args(i).at(-2)?.toUpperCase() === "AS",
  );
  if (start < 0) throw new Error(`${options.dockerfile} has no stage named ${options.stage}.`);
  const end = instructions.findIndex((i, index) => index > start && i.getKeyword() === "FROM");
  const stage = instructions.slice(start + 1, end < 0 ? undefined : end);

  const files = contextFiles(options.contextRoot);
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  const mapPaths = (text: string) =>
    Object.entries(options.paths).reduce(
      (result, [from, to]) =>
        result.replace(new RegExp(`(?<=^|[\\s=])${escapeRegExp(from)}(?=$|[\\s/])`, "g"), to),
      text,
    );
  const ran: string[] = [];
  mkdirSync(options.workdir, { recursive: true });

  for (const instruction of stage) {
    const keyword = instruction.getKeyword();
    if (keyword === "WORKDIR") continue; // the stand-in folder plays every WORKDIR of the stage
    if (keyword === "ARG" || keyword === "ENV") {
      for (const property of properties(instruction)) {
        const name = property.getName();
        if (keyword === "ENV" || env[name] === undefined) env[name] = property.getValue() ?? env[name];
      }
    } else if (keyword === "COPY") {
      const flags = (instruction as ModifiableInstruction).getFlags();
      if (flags.length > 0)
        throw new Error(`COPY with flags is not emulated: ${instruction.getTextContent()}`);
      const sources = args(instruction).slice(0, -1);
      for (const source of sources) {
        const selected = source === "." ? files : files.filter((file) => file === source);
        if (selected.length === 0)
          throw new Error(`COPY ${source}: not in the build context (check .dockerignore).`);
        for (const file of selected) {
          const target = path.join(options.workdir, source === "." ? file : path.basename(file));
          mkdirSync(path.dirname(target), { recursive: true });
          cpSync(path.join(options.contextRoot, file), target);
        }
      }
    } else if (keyword === "RUN") {
      const command = args(instruction).join(" ");
      if (options.skip?.(command)) continue;
      const mapped = mapPaths(options.rewrite ? options.rewrite(command) : command);
      execFileSync("sh", ["-c", mapped], { cwd: options.workdir, env, stdio: ["ignore", "pipe", "pipe"] });
      ran.push(mapped);
    } else {
      throw new Error(`${keyword} in a build stage is not emulated: ${instruction.getTextContent()}`);
    }
  }
  return ran;
};
