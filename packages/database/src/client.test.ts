import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";

let scratch: string | undefined;
afterEach(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe("openDatabase (PGlite)", () => {
  it("creates a data folder whose parents do not exist yet, and reopens it", async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "pp-pglite-"));
    const dataDir = path.join(scratch, "fresh", ".data", "pglite");
    const first = await openDatabase({ kind: "pglite", dataDir });
    try {
      await first.exec("create table kept (n int); insert into kept values (7)");
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    const second = await openDatabase({ kind: "pglite", dataDir });
    try {
      expect(await second.query("select n from kept")).toEqual([{ n: 7 }]);
    } finally {
      await second.close();
    }
  });
});
