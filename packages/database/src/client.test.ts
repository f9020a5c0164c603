import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Variant } from "@parametric-portal/contracts/icons";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { assets, users } from "./schema";

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

// node-postgres and PGlite both parse jsonb by its type; repositories rely on getting values, never text.
describe.each(["postgres", "pglite"] as const)("jsonb on %s", (kind) => {
  it("comes back as values through Drizzle and through raw queries, however it was written", async () => {
    const { database, close } = await openMigratedTestDatabase(kind, "jsonb");
    try {
      const [owner] = await database.db.insert(users).values({}).returning({ id: users.id });
      const userId = owner?.id ?? "";
      const nested: Variant[] = [
        {
          index: 0,
          svg: '<svg a="1"/>',
          toolType: "DRAWING",
          passed: true,
          score: 1.5,
          findings: [{ rule: "ü", severity: "warning", message: "m" }],
        },
      ];
      const [written] = await database.db
        .insert(assets)
        .values({
          userId,
          prompt: "p",
          intent: "create",
          colorMode: "dark",
          engine: "local",
          variants: nested,
          understood: ["arc"],
        })
        .returning({ variants: assets.variants, understood: assets.understood });
      expect(written).toEqual({ variants: nested, understood: ["arc"] });
      // Text sent without a cast, as a hand-written statement might.
      await database.query(
        "insert into assets (user_id, prompt, intent, color_mode, engine, variants, not_understood) values ($1, 'q', 'create', 'dark', 'local', $2, $3)",
        [userId, JSON.stringify(nested), JSON.stringify(["x"])],
      );
      const raw = await database.query<{ variants: unknown; not_understood: unknown }>(
        "select variants, not_understood from assets where prompt = 'q'",
      );
      expect(raw).toEqual([{ variants: nested, not_understood: ["x"] }]);
      const viaDrizzle = await database.db
        .select({ variants: assets.variants, notUnderstood: assets.notUnderstood })
        .from(assets)
        .where(eq(assets.prompt, "q"));
      expect(viaDrizzle).toEqual([{ variants: nested, notUnderstood: ["x"] }]);
    } finally {
      await close();
    }
  });
});
