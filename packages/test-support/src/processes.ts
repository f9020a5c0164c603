import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import net from "node:net";

/** A TCP port nothing listens on right now, for a server a test starts next. */
export const freePort = async (): Promise<number> => {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
};

/** Polls `check` until it holds; a throwing check counts as "not yet". Fails after `timeoutMs`. */
export const waitFor = async (
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
  pollMs = 25,
) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`; resolves once it exited. */
export const stopProcess = async (child: ChildProcess, graceMs = 5_000): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
};

/** A loopback address nothing listens on (the discard port): connections are refused at once. */
export const CLOSED_LOCAL_URL = "http://127.0.0.1:9";
