import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import net from "node:net";

// Ports the kernel hands out as the local end of outgoing connections. A port asked for with
// listen(0) comes from this range too, so between our check and the server's own bind any
// process's next connection (another test run's database or HTTP clients) could take it:
// EADDRINUSE, seen with two full runs on one machine.
const ephemeralPorts = (): { low: number; high: number } => {
  try {
    const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && low > 0 && high >= low) return { low, high };
  } catch {
    // Not Linux: the IANA range, which macOS and Windows use.
  }
  return { low: 49152, high: 65535 };
};

const canListen = async (port: number): Promise<boolean> => {
  const server = net.createServer();
  try {
    server.listen(port, "127.0.0.1");
    await once(server, "listening");
    return true;
  } catch {
    return false;
  } finally {
    server.close();
  }
};

/**
 * A TCP port nothing listens on right now, for a server a test starts next: picked at random
 * below the ephemeral range (where no outgoing connection can take it before the server binds),
 * else wherever listen(0) finds one.
 */
export const freePort = async (): Promise<number> => {
  const { low } = ephemeralPorts();
  const floor = 10_000;
  for (let attempt = 0; attempt < 50 && low > floor; attempt += 1) {
    const port = floor + Math.floor(Math.random() * (low - floor));
    if (await canListen(port)) return port;
  }
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
