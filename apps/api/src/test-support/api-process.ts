import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { migrate } from "@parametric-portal/database/migrate";
import { createTestDatabase, type PostgresConfig } from "@parametric-portal/database/testing";

export const freePort = async (): Promise<number> => {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
};

export const waitFor = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A fresh, migrated database on the test server. */
export const migratedTestDatabase = async (label: string) => {
  const created = await createTestDatabase(label);
  const db = await openDatabase(created.config);
  await migrate(db);
  await db.close();
  return created;
};

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  output(): string;
}

/** The real API process (src/main.ts) on a free port, talking to `database`. */
export const startApiProcess = async (
  database: PostgresConfig,
  env: Record<string, string> = {},
): Promise<ApiProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "../main.ts")], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      API_PORT: String(port),
      POSTGRES_HOST: database.host,
      POSTGRES_PORT: String(database.port),
      POSTGRES_DB: database.database,
      POSTGRES_USER: database.user,
      METRICS_PORT: "off",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the API exited early:\n${output}`);
    return (await fetch(`${url}/api/health/liveness`)).ok;
  }, "the API to listen");
  return { child, url, exited, output: () => output };
};
