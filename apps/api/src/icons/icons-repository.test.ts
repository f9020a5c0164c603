import type { Variant } from "@parametric-portal/contracts/icons";
import { ENGINES, useMigratedDatabase } from "@parametric-portal/test-support/hooks";
import { describe, expect, it } from "vitest";
import { createIconsRepository } from "./icons-repository";

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

// The same repository code runs on the PostgreSQL server and on embedded PGlite.
describe.each(ENGINES)("icons repository on %s", (kind) => {
  const engine = useMigratedDatabase(kind, "icons");
  const user = engine.newUser;

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
