import { randomUUID } from "node:crypto";
import type { Variant } from "@parametric-portal/contracts/icons";
import { ENGINES, useMigratedDatabase } from "@parametric-portal/test-support/hooks";
import { describe, expect, it } from "vitest";
import { createIconsRepository, type NewAsset } from "./icons-repository";

// Every optional field set: the insert answers with the variants it was given, not the stored
// jsonb, so a stored read must give back exactly these.
const variant: Variant = {
  index: 0,
  svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 20 L20 4"/></svg>',
  toolType: "DRAWING",
  passed: true,
  score: 97.5,
  findings: [{ rule: "stroke-width", severity: "warning", message: 'é ✓ "quoted"' }],
  rationale: "an arc",
  tool: "arc-3pt",
  params: { radius: 7.25, sweep: 120, count: 3 },
  construction: "center",
  repairs: ["closed a path"],
};

/** A local generation of `prompt` by `userId`, with `extra` on top. */
const newAsset = (userId: string, prompt: string, extra: Partial<NewAsset> = {}): NewAsset => ({
  userId,
  parentId: null,
  prompt,
  intent: "create",
  colorMode: "dark",
  engine: "local",
  keySource: null,
  variants: [variant],
  ...extra,
});

// The same repository code runs on the PostgreSQL server and on embedded PGlite.
describe.each(ENGINES)("icons repository on %s", (kind) => {
  const engine = useMigratedDatabase(kind, "icons");
  const user = engine.newUser;

  it("stores generations that arrive together in shared statements, each caller getting its own row", async () => {
    const repo = createIconsRepository(engine.database);
    const userId = await user();
    const prompts = Array.from({ length: 12 }, (_, i) => `batched ${i}`);
    // All twelve are asked for before any answer: two leave at once, the other ten wait and go together.
    const stored = await Promise.all(prompts.map((prompt) => repo.insert(newAsset(userId, prompt))));
    expect(stored.map((asset) => asset.prompt)).toEqual(prompts);
    for (const asset of stored) expect(await repo.findOwned(userId, asset.id)).toEqual(asset);
    // Rows written by one statement share its transaction's now().
    const times = await engine.database.query<{ created_at: Date; n: number }>(
      "select created_at, count(*)::int as n from assets where user_id = $1 group by created_at order by n desc",
      [userId],
    );
    expect(times.length).toBe(3);
    expect(times[0]?.n).toBe(10);
  });

  it("fails only the generation at fault when a shared statement cannot be stored", async () => {
    const repo = createIconsRepository(engine.database);
    const userId = await user();
    const asset = (prompt: string, parentId: string | null = null) =>
      repo.insert(newAsset(userId, prompt, { parentId }));
    // The first two leave alone; the next three share a statement that the missing parent breaks.
    const results = await Promise.allSettled([
      asset("first"),
      asset("second"),
      asset("third"),
      asset("orphan", "00000000-0000-4000-8000-000000000000"),
      asset("fifth"),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    // Drizzle wraps the driver's error: the constraint is named in its cause.
    const { reason } = results[3] as PromiseRejectedResult;
    expect(String((reason as Error).cause)).toMatch(/assets_parent_id_fkey/);
    const rows = await engine.database.query<{ prompt: string }>(
      "select prompt from assets where user_id = $1 order by prompt",
      [userId],
    );
    expect(rows.map((row) => row.prompt)).toEqual(["fifth", "first", "second", "third"]);
  });

  it("stores a retried generation once: the same id again answers with the row already stored", async () => {
    const repo = createIconsRepository(engine.database);
    const userId = await user();
    const id = randomUUID();
    const first = await repo.insert(newAsset(userId, "committed, answer lost", { id }));
    // As a retry after a timeout that came after the commit would: the same id, alone or in a batch.
    const [again, other] = await Promise.all([
      repo.insert(newAsset(userId, "committed, answer lost", { id })),
      repo.insert(newAsset(userId, "a different generation")),
    ]);
    expect(again).toEqual(first);
    expect(other?.id).not.toBe(id);
    const rows = await engine.database.query<{ n: number }>(
      "select count(*)::int as n from assets where user_id = $1 and prompt = 'committed, answer lost'",
      [userId],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("answers the plain first page (read as arrays) exactly as a filtered list built by Drizzle", async () => {
    const repo = createIconsRepository(engine.database);
    const userId = await user();
    const parent = await repo.insert(
      newAsset(userId, "parent arc", {
        colorMode: "light",
        variants: [variant, { ...variant, index: 1, passed: false, tool: "line" }],
      }),
    );
    const child = await repo.insert(newAsset(userId, "child arc", { parentId: parent.id, intent: "refine" }));
    await repo.setKept(userId, parent.id, true, 1);
    await repo.rename(userId, child.id, "Named child");
    const plain = await repo.list(userId, { limit: 5 });
    // Every row is local: the engine filter selects the same rows through Drizzle's query and mapping.
    const built = await repo.list(userId, { limit: 5, engine: "local" });
    expect(plain).toEqual(built);
    expect(plain.items.map((item) => [item.name, item.kept, item.keptVariant, item.parentId])).toEqual([
      ["Named child", false, null, parent.id],
      [null, true, 1, null],
    ]);
    expect(plain.items[1]?.createdAt).toBe(parent.createdAt);
  });

  it("round-trips an asset, pages without skipping rows inserted in the same millisecond, ", async () => {
    const repo = createIconsRepository(engine.database);
    const userId = await user();
    const stored = await repo.insert({
      userId,
      parentId: null,
      prompt: "Arc 100%_done",
      intent: "create",
      colorMode: "dark",
      engine: "anthropic",
      keySource: "server",
      variants: [variant],
      understood: ["arc"],
      notUnderstood: ["done"],
    });
    expect(stored).toMatchObject({
      prompt: "Arc 100%_done",
      variants: [variant],
      understood: ["arc"],
      notUnderstood: ["done"],
    });
    expect(await repo.findOwned(userId, stored.id)).toEqual(stored);
    expect(await repo.findOwned(await user(), stored.id)).toBeNull();

    // Same created_at for all: only the id breaks ties, and the cursor must keep microseconds.
    await engine.database.query(
      `insert into assets (user_id, prompt, intent, color_mode, engine, variants, created_at)
       select $1, 'p' || g, 'create', 'dark', 'local', '[]'::jsonb, now() - interval '1 second'
       from generate_series(1, 5) g`,
      [userId],
    );
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.list(userId, { limit: 2, ...(cursor !== undefined && { cursor }) });
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(ids[0]).toBe(stored.id);

    expect((await repo.list(userId, { limit: 10, q: "100%_" })).items.map((i) => i.id)).toEqual([stored.id]);
    expect((await repo.list(userId, { limit: 10, q: "0%x" })).items).toEqual([]);
    expect(await repo.softDelete(userId, stored.id)).toBe(true);
    expect(await repo.softDelete(userId, stored.id)).toBe(false);
  });
});
