import { describe, expect, it } from "vitest";
import { startApiProcess } from "./api-process";
import { openMigratedTestDatabase } from "./database";

// Each test starts the API from its sources through tsx, which takes a while on a loaded machine.
const START_MS = 120_000;

describe("startApiProcess", () => {
  it(
    "starts the API from its sources and stops it",
    async () => {
      const { config, close } = await openMigratedTestDatabase("postgres", "tsapi");
      try {
        const api = await startApiProcess(config, {}, { readyPath: "/api/health/readiness" });
        try {
          expect((await fetch(`${api.url}/api/health/liveness`)).status).toBe(200);
          expect(await api.rssBytes()).toBeGreaterThan(1024 * 1024);
        } finally {
          await api.stop();
        }
        expect(api.child.exitCode ?? api.child.signalCode).not.toBeNull();
      } finally {
        await close();
      }
    },
    START_MS,
  );

  // Reported as an exit, with the process's output, not as a timeout at the start deadline.
  it(
    "fails with the API's own output when it refuses to start",
    async () => {
      const { config, close } = await openMigratedTestDatabase("postgres", "tsapibad");
      try {
        await expect(startApiProcess(config, { API_PORT: "not-a-port" })).rejects.toThrow(
          /the API exited \(1\) before \/api\/health\/liveness answered:\n[\s\S]*API_PORT/,
        );
      } finally {
        await close();
      }
    },
    START_MS,
  );
});
