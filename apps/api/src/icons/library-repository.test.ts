import type { Variant } from "@parametric-portal/contracts/icons";
import { ENGINES, useMigratedDatabase } from "@parametric-portal/test-support/hooks";
import { describe, expect, it } from "vitest";
import { ApiError } from "../http/errors";
import { createIconsRepository, type NewAsset } from "./icons-repository";
import { createSetsRepository } from "./sets-repository";

const variant = (index: number, passed: boolean, tool?: string): Variant => ({
  index,
  svg: `<svg data-v="${index}"/>`,
  toolType: index === 0 ? "ANALYSIS" : "DRAWING",
  passed,
  score: passed ? 100 : 10,
  findings: [],
  ...(tool !== undefined && { tool }),
});

const asset = (userId: string, prompt: string, variants: Variant[] = [variant(0, true)]): NewAsset => ({
  userId,
  parentId: null,
  prompt,
  intent: "create",
  colorMode: "dark",
  engine: "local",
  keySource: null,
  variants,
});

const code = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof ApiError ? `${error.statusCode} ${error.code}` : String(error);
};

describe.each(ENGINES)("library and sets on %s", (kind) => {
  const engine = useMigratedDatabase(kind, "library");
  const user = engine.newUser;

  it("lists light summaries with one thumbnail, keeps, renames and filters history from library", async () => {
    const icons = createIconsRepository(engine.database);
    const userId = await user();
    const full = await icons.insert(
      asset(userId, "Polar array", [
        variant(0, false, "rect"),
        variant(1, true, "polar array"),
        variant(2, true),
      ]),
    );
    const other = await icons.insert(asset(userId, "measure angle"));
    const page = await icons.list(userId, { limit: 10 });
    expect(page.items.map((i) => i.id)).toEqual([other.id, full.id]);
    expect(page.items[1]).toEqual({
      id: full.id,
      prompt: "Polar array",
      name: null,
      tool: "polar array",
      toolType: "DRAWING",
      engine: "local",
      intent: "create",
      colorMode: "dark",
      kept: false,
      keptVariant: null,
      createdAt: full.createdAt,
      parentId: null,
      variantCount: 3,
      thumbnailSvg: '<svg data-v="1"/>',
    });
    expect(Object.keys(page.items[0] ?? {})).not.toContain("variants");

    expect((await icons.list(userId, { limit: 10, view: "library" })).items).toEqual([]);
    expect((await icons.setKept(userId, full.id, true))?.kept).toBe(true);
    expect((await icons.setKept(await user(), full.id, true)) ?? "missing").toBe("missing");
    expect((await icons.list(userId, { limit: 10, view: "library" })).items.map((i) => i.id)).toEqual([
      full.id,
    ]);
    expect((await icons.list(userId, { limit: 10, view: "history" })).items).toHaveLength(2);

    expect((await icons.rename(userId, full.id, "Spokes"))?.name).toBe("Spokes");
    expect(await icons.rename(await user(), full.id, "Theirs")).toBeNull();
    expect((await icons.list(userId, { limit: 10, q: "SPOK" })).items.map((i) => i.id)).toEqual([full.id]);
    expect((await icons.list(userId, { limit: 10, q: "polar" })).items.map((i) => i.id)).toEqual([full.id]);
    expect((await icons.list(userId, { limit: 10, tool: "polar array" })).items.map((i) => i.id)).toEqual([
      full.id,
    ]);
    expect((await icons.list(userId, { limit: 10, toolType: "ANALYSIS" })).items.map((i) => i.id)).toEqual([
      other.id,
    ]);
    expect((await icons.list(userId, { limit: 10, engine: "anthropic" })).items).toEqual([]);

    expect((await icons.setKept(userId, full.id, false))?.kept).toBe(false);
    expect((await icons.list(userId, { limit: 10, view: "library" })).items).toEqual([]);
    expect(await icons.findOwned(userId, full.id)).toMatchObject({ name: "Spokes", kept: false });
  });

  it.each(["newest", "oldest", "name"] as const)(
    "pages by %s without skipping or repeating rows",
    async (sort) => {
      const icons = createIconsRepository(engine.database);
      const userId = await user();
      const prompts = ["delta", "Alpha", "charlie", "bravo", "echo"];
      for (const prompt of prompts) await icons.insert(asset(userId, prompt));
      // Same created_at for two rows: only the id breaks that tie.
      await engine.database.query(
        "update assets set created_at = (select min(created_at) from assets where user_id = $1) where user_id = $1 and prompt in ('bravo', 'echo')",
        [userId],
      );
      const all = (await icons.list(userId, { limit: 10, sort })).items;
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await icons.list(userId, { limit: 2, sort, ...(cursor !== undefined && { cursor }) });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(all.map((i) => i.id));
      expect(new Set(seen).size).toBe(5);
      if (sort === "name")
        expect(all.map((i) => i.prompt)).toEqual(["Alpha", "bravo", "charlie", "delta", "echo"]);
      const times = all.map((i) => Date.parse(i.createdAt));
      if (sort === "newest") expect(times).toEqual([...times].sort((a, b) => b - a));
      if (sort === "oldest") expect(times).toEqual([...times].sort((a, b) => a - b));
      const first = await icons.list(userId, { limit: 1, sort });
      const otherSort = sort === "name" ? "newest" : "name";
      expect(
        await code(icons.list(userId, { limit: 1, sort: otherSort, cursor: first.nextCursor ?? "" })),
      ).toBe("400 INVALID_CURSOR");
    },
  );

  // The web app's Library asks for exactly this: kept icons, searched, filtered by tool, sorted, paged.
  it.each(["newest", "oldest", "name"] as const)(
    "pages the library by %s with search and tool filters combined, without skipping or repeating",
    async (sort) => {
      const icons = createIconsRepository(engine.database);
      const userId = await user();
      const make = async (prompt: string, tool: string, kept: boolean) => {
        const icon = await icons.insert(asset(userId, prompt, [variant(0, true, tool)]));
        if (kept) await icons.setKept(userId, icon.id, true);
        return icon;
      };
      const wanted = [
        await make("arc echo", "arc", true),
        await make("Arc alpha", "arc", true),
        await make("arc delta", "arc", true),
        await make("arc bravo", "arc", true),
        await make("arc charlie", "arc", true),
      ];
      // Each misses one condition: not kept, another tool, no match for the search.
      await make("arc foxtrot", "arc", false);
      await make("arc golf", "circle", true);
      await make("hotel", "arc", true);
      const query = { view: "library", q: "arc", tool: "arc", sort } as const;
      const all = (await icons.list(userId, { ...query, limit: 20 })).items;
      expect(all.map((i) => i.id).sort()).toEqual(wanted.map((i) => i.id).sort());
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await icons.list(userId, {
          ...query,
          limit: 2,
          ...(cursor !== undefined && { cursor }),
        });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(all.map((i) => i.id));
      if (sort === "name")
        expect(all.map((i) => i.prompt)).toEqual([
          "Arc alpha",
          "arc bravo",
          "arc charlie",
          "arc delta",
          "arc echo",
        ]);
      const order = wanted.map((i) => i.id);
      if (sort === "newest") expect(seen).toEqual([...order].reverse());
      if (sort === "oldest") expect(seen).toEqual(order);
    },
  );

  it("keeps the picked variant: the thumbnail, a set's default variant, un-keep forgets it", async () => {
    const icons = createIconsRepository(engine.database);
    const sets = createSetsRepository(engine.database);
    const userId = await user();
    const stranger = await user();
    const picked = await icons.insert(
      asset(userId, "picked", [variant(0, true), variant(1, true), variant(2, false)]),
    );
    const thumbnail = async () =>
      (await icons.list(userId, { limit: 10 })).items.find((i) => i.id === picked.id)?.thumbnailSvg;
    expect(await thumbnail()).toBe('<svg data-v="0"/>');

    expect(await code(icons.setKept(userId, picked.id, true, 3))).toBe("400 VARIANT_NOT_FOUND");
    expect(await icons.setKept(stranger, picked.id, true, 2)).toBeNull();
    expect(await icons.findOwned(userId, picked.id)).toMatchObject({ kept: false, keptVariant: null });

    expect(await icons.setKept(userId, picked.id, true, 2)).toMatchObject({ kept: true, keptVariant: 2 });
    expect(await thumbnail()).toBe('<svg data-v="2"/>');
    expect((await icons.list(userId, { limit: 10, view: "library" })).items).toMatchObject([
      { id: picked.id, keptVariant: 2 },
    ]);
    // A keep without a pick (History's toggle) leaves the pick alone.
    expect(await icons.setKept(userId, picked.id, true)).toMatchObject({ keptVariant: 2 });

    const set = await sets.create(userId, "Picked");
    await sets.addItems(userId, set.id, [{ iconId: picked.id }]);
    expect((await sets.get(userId, set.id))?.items.map((i) => [i.variantIndex, i.svg])).toEqual([
      [2, '<svg data-v="2"/>'],
    ]);

    expect(await icons.setKept(userId, picked.id, false)).toMatchObject({ kept: false, keptVariant: null });
    expect(await thumbnail()).toBe('<svg data-v="0"/>');
    expect((await sets.get(userId, set.id))?.items).toEqual([]);
    // Without a pick, a set takes variant 0.
    await sets.addItems(userId, set.id, [{ iconId: picked.id }]);
    expect((await sets.get(userId, set.id))?.items.map((i) => i.variantIndex)).toEqual([0]);
  });

  it("keeps what a set holds, orders and reorders it, and loses items when an icon or the set goes", async () => {
    const icons = createIconsRepository(engine.database);
    const sets = createSetsRepository(engine.database);
    const userId = await user();
    const stranger = await user();
    const a = await icons.insert(asset(userId, "a", [variant(0, true), variant(1, true)]));
    const b = await icons.insert(asset(userId, "b"));
    const theirs = await icons.insert(asset(stranger, "theirs"));
    const set = await sets.create(userId, "Toolbar");
    expect(set).toMatchObject({ name: "Toolbar", itemCount: 0 });

    await sets.addItems(userId, set.id, [
      { iconId: a.id, variantIndex: 1 },
      { iconId: b.id, variantIndex: 0 },
      { iconId: a.id, variantIndex: 0 },
    ]);
    const filled = await sets.get(userId, set.id);
    expect(filled?.set.itemCount).toBe(3);
    expect(filled?.items.map((i) => [i.iconId, i.variantIndex, i.svg])).toEqual([
      [a.id, 1, '<svg data-v="1"/>'],
      [b.id, 0, '<svg data-v="0"/>'],
      [a.id, 0, '<svg data-v="0"/>'],
    ]);
    expect((await icons.list(userId, { limit: 10, view: "library" })).items.map((i) => i.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );

    expect(await code(sets.addItems(userId, set.id, [{ iconId: theirs.id, variantIndex: 0 }]))).toBe(
      "404 NOT_FOUND",
    );
    expect(await code(sets.addItems(userId, set.id, [{ iconId: b.id, variantIndex: 5 }]))).toBe(
      "400 VARIANT_NOT_FOUND",
    );
    expect(await code(sets.addItems(stranger, set.id, [{ iconId: theirs.id, variantIndex: 0 }]))).toBe(
      "404 NOT_FOUND",
    );
    expect(await sets.get(stranger, set.id)).toBeNull();

    const ids = filled?.items.map((i) => i.id) ?? [];
    const reversed = [...ids].reverse();
    await sets.reorder(userId, set.id, reversed);
    expect((await sets.get(userId, set.id))?.items.map((i) => i.id)).toEqual(reversed);
    expect(await code(sets.reorder(userId, set.id, ids.slice(1)))).toBe("400 NOT_A_PERMUTATION");
    expect(await code(sets.reorder(userId, set.id, [...ids.slice(1), theirs.id]))).toBe(
      "400 NOT_A_PERMUTATION",
    );
    expect(await code(sets.reorder(stranger, set.id, ids))).toBe("404 NOT_FOUND");

    expect(await sets.removeItem(stranger, set.id, ids[0] ?? "")).toBe(false);
    expect(await sets.removeItem(userId, set.id, ids[1] ?? "")).toBe(true);
    expect(await sets.removeItem(userId, set.id, ids[1] ?? "")).toBe(false);
    // Deleting icon a (two items) empties the set of it; bulk delete ignores the stranger's id.
    expect(await icons.bulkDelete(userId, [a.id, theirs.id])).toEqual([a.id]);
    expect((await sets.get(userId, set.id))?.items).toEqual([]);
    expect(await icons.findOwned(stranger, theirs.id)).not.toBeNull();

    await sets.addItems(userId, set.id, [{ iconId: b.id, variantIndex: 0 }]);
    expect(await icons.setKept(userId, b.id, false)).not.toBeNull();
    expect((await sets.get(userId, set.id))?.items).toEqual([]);

    expect((await sets.rename(stranger, set.id, "Mine now")) ?? "missing").toBe("missing");
    expect((await sets.rename(userId, set.id, "Palette"))?.name).toBe("Palette");
    expect(await sets.remove(stranger, set.id)).toBe(false);
    expect(await sets.remove(userId, set.id)).toBe(true);
    expect(await sets.get(userId, set.id)).toBeNull();
  });

  it("pages sets newest first", async () => {
    const sets = createSetsRepository(engine.database);
    const userId = await user();
    const made: string[] = [];
    for (const name of ["one", "two", "three"]) made.push((await sets.create(userId, name)).id);
    await sets.create(await user(), "someone else's");
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sets.list(userId, { limit: 2, ...(cursor !== undefined && { cursor }) });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual([...made].reverse());
  });
});
