import type { Asset } from "@parametric-portal/contracts/icons";
import { checkSvg } from "@parametric-portal/icon-kit/design-check";
import { useTestApp } from "@parametric-portal/test-support/hooks";
import { getAs, postIcon } from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { beforeAll, describe, expect, it } from "vitest";

// No ANTHROPIC_API_KEY and no user key: the local engine answers.
const t = useTestApp();
let ada: SignedIn;
beforeAll(async () => {
  ada = await signIn(t.app);
});

describe("icons API with the local engine", () => {
  it("generates three different, valid, design-checked variants and stores them", async () => {
    const response = await postIcon(t.app, ada, { prompt: "arc through three points", variantCount: 3 });
    expect(response.statusCode).toBe(201);
    const { icon } = response.json<{ icon: Asset }>();
    expect(icon).toMatchObject({
      prompt: "arc through three points",
      intent: "create",
      colorMode: "dark",
      engine: "local",
    });
    expect(icon.understood).toContain("arc");
    expect(icon.variants.map((v) => v.index)).toEqual([0, 1, 2]);
    expect(new Set(icon.variants.map((v) => v.svg)).size).toBe(3);
    for (const variant of icon.variants) {
      expect(variant.passed).toBe(true);
      expect(checkSvg(variant.svg, { toolType: variant.toolType }).passed).toBe(true);
      expect(variant.svg).toContain('viewBox="0 0 32 32"');
    }
    const rows = await t.database.query<{
      user_id: string;
      engine: string;
      key_source: string | null;
      variants: unknown[];
    }>("select user_id, engine, key_source, variants from assets where id = $1", [icon.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: ada.userId, engine: "local", key_source: null });
    expect(rows[0]?.variants).toHaveLength(3);
  });

  it("lists newest first with keyset pagination and prompt search, and reads, downloads and deletes", async () => {
    const bob = await signIn(t.app);
    const prompts = ["offset curve", "measure angle", "Fillet corner", "mirror shape", "fillet edge"];
    const ids: string[] = [];
    for (const prompt of prompts) {
      const response = await postIcon(t.app, bob, { prompt, colorMode: "light" });
      ids.push(response.json<{ icon: Asset }>().icon.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/icons?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const raw = await getAs(t.app, bob, url);
      expect(raw.statusCode).toBe(200);
      const page = raw.json<{ items: Asset[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([...ids].reverse());

    const search = (await getAs(t.app, bob, "/api/icons?q=FILLET")).json<{ items: Asset[] }>();
    expect(search.items.map((item) => item.prompt)).toEqual(["fillet edge", "Fillet corner"]);
    const wildcard = (await getAs(t.app, bob, "/api/icons?q=%25")).json<{ items: Asset[] }>();
    expect(wildcard.items).toEqual([]);

    const badCursor = await getAs(t.app, bob, "/api/icons?cursor=not-a-cursor");
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json()).toMatchObject({
      code: "INVALID_CURSOR",
      details: { field: "querystring.cursor" },
    });

    const id = ids[1] ?? "";
    const one = await getAs(t.app, bob, `/api/icons/${id}`);
    expect(one.json<{ icon: Asset }>().icon).toMatchObject({
      id,
      prompt: "measure angle",
      colorMode: "light",
    });
    expect(one.json<{ icon: Asset }>().icon.variants[0]?.findings).toEqual(expect.any(Array));

    const download = await getAs(t.app, bob, `/api/icons/${id}/variants/0.svg`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(download.headers["content-disposition"]).toBe('attachment; filename="measure-angle-0.svg"');
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-security-policy"]).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(download.body).toBe(one.json<{ icon: Asset }>().icon.variants[0]?.svg);
    expect((await getAs(t.app, bob, `/api/icons/${id}/variants/5.svg`)).statusCode).toBe(404);

    const deleted = await t.app.inject({
      method: "DELETE",
      url: `/api/icons/${id}`,
      headers: { cookie: bob.cookie, "x-csrf-token": bob.csrfToken },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await getAs(t.app, bob, `/api/icons/${id}`)).statusCode).toBe(404);
    const after = (await getAs(t.app, bob, "/api/icons?limit=100")).json<{ items: Asset[] }>();
    expect(after.items.map((item) => item.id)).not.toContain(id);
    const stored = await t.database.query<{ deleted_at: Date | null }>(
      "select deleted_at from assets where id = $1",
      [id],
    );
    expect(stored[0]?.deleted_at).not.toBeNull();
  });

  it("refines a parent icon from its stored parameters", async () => {
    const parent = (await postIcon(t.app, ada, { prompt: "circle" })).json<{ icon: Asset }>().icon;
    const response = await postIcon(t.app, ada, {
      prompt: "make it larger",
      intent: "refine",
      parentId: parent.id,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ icon: Asset }>().icon).toMatchObject({ intent: "refine", parentId: parent.id });
    expect(response.json<{ changes: unknown[] }>().changes.length).toBeGreaterThan(0);
  });
});
