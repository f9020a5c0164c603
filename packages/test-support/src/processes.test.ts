import { once } from "node:events";
import { readFileSync } from "node:fs";
import net from "node:net";
import { expect, it } from "vitest";
import { freePort } from "./processes";

it("hands out ports below the kernel's ephemeral range, free to listen on", async () => {
  const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")
    .trim()
    .split(/\s+/)
    .map(Number);
  const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
  for (const port of ports) {
    // Below the range no outgoing connection can take the port before the server binds it.
    expect(port).toBeGreaterThanOrEqual(10_000);
    expect(port).toBeLessThan(low ?? 0);
    const server = net.createServer().listen(port, "127.0.0.1");
    await once(server, "listening");
    await new Promise((resolve) => server.close(resolve));
  }
});
