import type { Asset, IconSummary } from "@parametric-portal/contracts/icons";
import type { IconSet, IconSetItem } from "@parametric-portal/contracts/sets";
import { getAs, postIcon } from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let owner: SignedIn;
let other: SignedIn;
let icon: Asset;
let set: IconSet;

const send = (who: SignedIn, method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: who.cookie, "x-csrf-token": who.csrfToken },
    ...(payload !== undefined && { payload }),
  });

beforeAll(async () => {
  t = await createTestApp();
  owner = await signIn(t.app);
  other = await signIn(t.app);
  icon = (await postIcon(t.app, owner, { prompt: "offset curve" })).json<{ icon: Asset }>().icon;
  set = (await send(owner, "POST", "/api/sets", { name: "Toolbar" })).json<{ set: IconSet }>().set;
});
afterAll(async () => t?.close());

describe("library and sets over HTTP", () => {
  it("lists one light summary per icon and serves the variants by id", async () => {
    const list = await getAs(t.app, owner, "/api/icons");
    expect(list.statusCode).toBe(200);
    const [item] = list.json<{ items: IconSummary[] }>().items;
    expect(item).toMatchObject({ id: icon.id, kept: false, name: null, variantCount: icon.variants.length });
    expect(item?.thumbnailSvg).toMatch(/^<svg/);
    expect(item).not.toHaveProperty("variants");
    expect(
      (await getAs(t.app, owner, `/api/icons/${icon.id}`)).json<{ icon: Asset }>().icon.variants,
    ).toHaveLength(icon.variants.length);
    const badView = await getAs(t.app, owner, "/api/icons?view=trash");
    expect(badView.statusCode).toBe(400);
  });

  it("keeps, renames (validated) and un-keeps; library lists kept icons only", async () => {
    expect((await getAs(t.app, owner, "/api/icons?view=library")).json<{ items: unknown[] }>().items).toEqual(
      [],
    );
    const kept = await send(owner, "PUT", `/api/icons/${icon.id}/keep`);
    expect(kept.statusCode).toBe(200);
    expect(kept.json<{ icon: Asset }>().icon.kept).toBe(true);
    const library = (await getAs(t.app, owner, "/api/icons?view=library")).json<{ items: IconSummary[] }>();
    expect(library.items.map((i) => i.id)).toEqual([icon.id]);

    const renamed = await send(owner, "PATCH", `/api/icons/${icon.id}`, { name: "  Offset  " });
    expect(renamed.json<{ icon: Asset }>().icon.name).toBe("Offset");
    for (const name of ["   ", "x".repeat(121), "bad\u0000name"]) {
      const refused = await send(owner, "PATCH", `/api/icons/${icon.id}`, { name });
      expect({ name, status: refused.statusCode }).toEqual({ name, status: 400 });
      expect(refused.json<{ message: string }>().message).toMatch(/name/);
    }
    expect(
      (await send(owner, "PATCH", `/api/icons/${icon.id}`, { name: null })).json<{ icon: Asset }>().icon.name,
    ).toBeNull();
    expect(
      (await send(owner, "DELETE", `/api/icons/${icon.id}/keep`)).json<{ icon: Asset }>().icon.kept,
    ).toBe(false);
  });

  it("adds to a set (keeping the icon), reorders, removes, and bulk delete empties the set", async () => {
    const second = (await postIcon(t.app, owner, { prompt: "measure angle", variantCount: 2 })).json<{
      icon: Asset;
    }>().icon;
    const added = await send(owner, "POST", `/api/sets/${set.id}/items`, {
      items: [{ iconId: icon.id }, { iconId: second.id, variantIndex: 1 }],
    });
    expect(added.json()).toMatchObject({ set: { id: set.id } });
    const items = added.json<{ items: IconSetItem[] }>().items;
    expect(items.map((i) => [i.iconId, i.variantIndex])).toEqual([
      [icon.id, 0],
      [second.id, 1],
    ]);
    const library = (await getAs(t.app, owner, "/api/icons?view=library")).json<{ items: IconSummary[] }>();
    expect(library.items.map((i) => i.id).sort()).toEqual([icon.id, second.id].sort());

    const order = items.map((i) => i.id).reverse();
    const reordered = await send(owner, "PUT", `/api/sets/${set.id}/order`, { itemIds: order });
    expect(reordered.json<{ items: IconSetItem[] }>().items.map((i) => i.id)).toEqual(order);
    const partial = await send(owner, "PUT", `/api/sets/${set.id}/order`, { itemIds: order.slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(partial.json()).toMatchObject({ code: "NOT_A_PERMUTATION", details: { missing: [order[0]] } });

    const sets = (await getAs(t.app, owner, "/api/sets")).json<{ items: IconSet[] }>();
    expect(sets.items).toMatchObject([{ id: set.id, itemCount: 2 }]);

    const bulk = await send(owner, "POST", "/api/icons/bulk-delete", { ids: [second.id] });
    expect(bulk.json()).toEqual({ deleted: [second.id] });
    const after = (await getAs(t.app, owner, `/api/sets/${set.id}`)).json<{ items: IconSetItem[] }>();
    expect(after.items.map((i) => i.iconId)).toEqual([icon.id]);
    const tooMany = await send(owner, "POST", "/api/icons/bulk-delete", {
      ids: Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it("keeps the picked variant: list thumbnail, a set's default variant; 400 names body.variant", async () => {
    const posted = await postIcon(t.app, owner, { prompt: "fillet", variantCount: 3 });
    expect(posted.statusCode, posted.body).toBe(201);
    const picked = posted.json<{ icon: Asset }>().icon;
    const svgOf = (index: number) => picked.variants.find((v) => v.index === index)?.svg;
    // The three variants must differ, or the thumbnail could match variant 2 by chance.
    expect(new Set([0, 1, 2].map(svgOf)).size).toBe(3);

    for (const variant of [3, 99, -1]) {
      const refused = await send(owner, "PUT", `/api/icons/${picked.id}/keep`, { variant });
      expect({ variant, status: refused.statusCode }).toEqual({ variant, status: 400 });
      expect(
        refused.json<{ message: string; details: { field: string }[] | { field: string } }>(),
      ).toMatchObject({
        message: expect.stringMatching(/variant/),
      });
      expect(JSON.stringify(refused.json<{ details: unknown }>().details)).toContain('"body.variant"');
    }
    expect((await send(other, "PUT", `/api/icons/${picked.id}/keep`, { variant: 2 })).statusCode).toBe(404);

    const kept = await send(owner, "PUT", `/api/icons/${picked.id}/keep`, { variant: 2 });
    expect(kept.statusCode).toBe(200);
    expect(kept.json<{ icon: Asset }>().icon).toMatchObject({ kept: true, keptVariant: 2 });
    const summary = async () =>
      (await getAs(t.app, owner, "/api/icons"))
        .json<{ items: IconSummary[] }>()
        .items.find((i) => i.id === picked.id);
    expect(await summary()).toMatchObject({ keptVariant: 2, thumbnailSvg: svgOf(2) });

    const pickSet = (await send(owner, "POST", "/api/sets", { name: "Picks" })).json<{ set: IconSet }>().set;
    const added = await send(owner, "POST", `/api/sets/${pickSet.id}/items`, {
      items: [{ iconId: picked.id }],
    });
    expect(added.json<{ items: IconSetItem[] }>().items.map((i) => [i.variantIndex, i.svg])).toEqual([
      [2, svgOf(2)],
    ]);

    const unkept = await send(owner, "DELETE", `/api/icons/${picked.id}/keep`);
    expect(unkept.json<{ icon: Asset }>().icon).toMatchObject({ kept: false, keptVariant: null });
    expect((await summary())?.keptVariant).toBeNull();
    expect((await send(owner, "DELETE", `/api/sets/${pickSet.id}`)).statusCode).toBe(204);

    // OpenAPI shows the body a client may send.
    const document = t.app.swagger() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(
      document.paths["/api/icons/{id}/keep"]?.put?.requestBody?.content["application/json"]?.schema,
    ).toMatchObject({
      type: "object",
      properties: { variant: { type: "integer", minimum: 0 } },
      additionalProperties: false,
    });
  });

  it("answers 404 to another user on every icon and set route, and leaves the owner's data alone", async () => {
    const [item] = (await getAs(t.app, owner, `/api/sets/${set.id}`)).json<{ items: IconSetItem[] }>().items;
    const attempts = [
      send(other, "PUT", `/api/icons/${icon.id}/keep`),
      send(other, "DELETE", `/api/icons/${icon.id}/keep`),
      send(other, "PATCH", `/api/icons/${icon.id}`, { name: "mine" }),
      getAs(t.app, other, `/api/sets/${set.id}`),
      send(other, "PATCH", `/api/sets/${set.id}`, { name: "mine" }),
      send(other, "POST", `/api/sets/${set.id}/items`, { items: [{ iconId: icon.id }] }),
      send(other, "DELETE", `/api/sets/${set.id}/items/${item?.id}`),
      send(other, "PUT", `/api/sets/${set.id}/order`, { itemIds: [item?.id] }),
      send(other, "DELETE", `/api/sets/${set.id}`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: "NOT_FOUND" });
    }
    // Their own set cannot take the owner's icon either.
    const theirs = (await send(other, "POST", "/api/sets", { name: "Theirs" })).json<{ set: IconSet }>().set;
    const stolen = await send(other, "POST", `/api/sets/${theirs.id}/items`, {
      items: [{ iconId: icon.id }],
    });
    expect(stolen.statusCode).toBe(404);
    expect((await send(other, "POST", "/api/icons/bulk-delete", { ids: [icon.id] })).json()).toEqual({
      deleted: [],
    });
    expect(
      (await getAs(t.app, other, "/api/sets")).json<{ items: IconSet[] }>().items.map((s) => s.id),
    ).toEqual([theirs.id]);

    const mine = (await getAs(t.app, owner, `/api/sets/${set.id}`)).json<{
      set: IconSet;
      items: IconSetItem[];
    }>();
    expect(mine).toMatchObject({ set: { name: "Toolbar" }, items: [{ iconId: icon.id }] });
    expect((await getAs(t.app, owner, `/api/icons/${icon.id}`)).json<{ icon: Asset }>().icon.name).toBeNull();
  });

  it("requires sign-in for the library and set routes", async () => {
    // Valid bodies: validation runs before the sign-in check.
    for (const [method, url, payload] of [
      ["GET", "/api/sets", undefined],
      ["GET", `/api/sets/${set.id}`, undefined],
      ["PUT", `/api/icons/${icon.id}/keep`, undefined],
      ["PATCH", `/api/icons/${icon.id}`, { name: "x" }],
      ["POST", "/api/icons/bulk-delete", { ids: [icon.id] }],
      ["POST", "/api/sets", { name: "x" }],
    ] as const) {
      const response = await t.app.inject({ method, url, ...(payload !== undefined && { payload }) });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
    }
    expect((await getAs(t.app, owner, `/api/icons/${icon.id}`)).statusCode).toBe(200);
  });

  it("renames and deletes a set; the icons stay", async () => {
    const renamed = await send(owner, "PATCH", `/api/sets/${set.id}`, { name: "Palette" });
    expect(renamed.json<{ set: IconSet }>().set.name).toBe("Palette");
    expect((await send(owner, "PATCH", `/api/sets/${set.id}`, { name: "" })).statusCode).toBe(400);
    expect((await send(owner, "DELETE", `/api/sets/${set.id}`)).statusCode).toBe(204);
    expect((await getAs(t.app, owner, `/api/sets/${set.id}`)).statusCode).toBe(404);
    expect((await getAs(t.app, owner, `/api/icons/${icon.id}`)).statusCode).toBe(200);
  });
});
