import { type ChildProcess, spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import type { Command } from "./db-target";

export class CommandError extends Error {
  override readonly name = "CommandError";
}

/** Starts a command with its extra environment; stdout is piped, stderr is captured. */
export const start = (command: Command, stdin: "pipe" | "ignore" = "ignore"): ChildProcess =>
  spawn(command.file, [...command.args], {
    env: { ...process.env, ...command.env },
    stdio: [stdin, "pipe", "pipe"],
  });

/** Resolves with the exit code once the child ends; a missing binary becomes a clear error. */
export const exited = (child: ChildProcess, file: string): Promise<number> =>
  new Promise((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new CommandError(
          error.code === "ENOENT" ? `${file} is not installed or not on PATH` : `${file}: ${error.message}`,
        ),
      ),
    );
    child.once("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });

const collect = (stream: Readable | null, sink: Buffer[]): void => {
  stream?.on("data", (chunk: Buffer) => sink.push(chunk));
};

/** Runs a command to completion, optionally streaming `input` into its stdin. */
export const run = async (
  command: Command,
  input?: Readable,
): Promise<{ code: number; stdout: string; stderr: string }> => {
  const child = start(command, input ? "pipe" : "ignore");
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  collect(child.stdout, out);
  collect(child.stderr, err);
  const done = exited(child, command.file);
  if (input && child.stdin) {
    // A child that exits early closes its stdin; its exit code tells the story, not EPIPE.
    await pipeline(input, child.stdin).catch(() => {});
  }
  const code = await done;
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
};

/** Like `run`, but a non-zero exit throws with the command's own error output. */
export const runOk = async (command: Command, what: string, input?: Readable): Promise<string> => {
  const result = await run(command, input);
  if (result.code !== 0) {
    throw new CommandError(`${what} failed (exit ${result.code}): ${result.stderr.trim() || "no output"}`);
  }
  return result.stdout;
};

/** True when the module is the script being run (`tsx tools/ops/commands/x.ts`), not an import. */
export const isMain = (moduleUrl: string): boolean =>
  process.argv[1] !== undefined && moduleUrl === pathToFileURL(realpathSync(process.argv[1])).href;

/** Runs a CLI's main and exits with its code; known errors print their message only. */
export const runMain = (main: () => Promise<number>): void => {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`error: ${error.message}`);
      process.exit(1);
    },
  );
};
