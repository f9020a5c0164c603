import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { within } from "@parametric-portal/test-support/deadline";

/** Helpers for the bundle tests: build an image's /app folder outside Docker and run it like the image. */

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Runs the same script as the Dockerfile's build stage into a fresh folder outside the repository,
 * so nothing in the repository's node_modules can be reached at run time, as in the image.
 */
export const buildImageFolder = (image: string, env: NodeJS.ProcessEnv = {}): string => {
  const app = path.join(mkdtempSync(path.join(tmpdir(), `pp-image-${image}-`)), "app");
  execFileSync("sh", [`tools/ops/docker/docker-bundle-${image}.sh`, app], {
    cwd: repoRoot,
    // The image build runs without the test runner's NODE_ENV=test, which would make Vite bundle
    // React's development build.
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Below the bundle tests' beforeAll timeouts, so a stuck build fails here, by name.
    timeout: 170_000,
  });
  return app;
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });

/** Only what a container would have: node and the system tools on PATH, HOME, and the given variables. */
export const containerEnv = (vars: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: [path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
  HOME: tmpdir(),
  ...vars,
});

export interface Running {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  /** Sends SIGTERM (what Kubernetes sends) and resolves with the exit code. */
  readonly stop: () => Promise<number | null>;
}

export const start = (cwd: string, args: string[], env: NodeJS.ProcessEnv): Running => {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return within(exited, 10_000, `the server to exit after SIGTERM:\n${output}`);
    },
  };
};

/**
 * Polls `url` until it answers, failing with the process output after `deadlineMs`: the servers
 * announce nothing on a pipe the harness could await, so the port answering is the event.
 */
export const waitForUrl = async (url: string, running: Running, deadlineMs = 15_000): Promise<Response> => {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`The server exited early:\n${running.output()}`);
    try {
      return await fetch(url, { signal: AbortSignal.timeout(2_000) });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer within ${deadlineMs} ms:\n${running.output()}`);
};
