import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";

export interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** Milliseconds from spawn until `readyPath` first answered 200. */
  readonly startMs: number;
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts a server process and waits until `readyPath` answers 200. */
export const startServer = async (
  command: string,
  args: readonly string[],
  opts: { env: Record<string, string | undefined>; port: number; readyPath: string; cwd?: string },
): Promise<Server> => {
  const started = performance.now();
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
    cwd: opts.cwd,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited early:\n${stderr}`);
    const ok = await fetch(url + opts.readyPath)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${command} did not become ready:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startMs = performance.now() - started;
  return {
    child,
    port: opts.port,
    url,
    startMs,
    rssBytes: async () => {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kb * 1024;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
};
