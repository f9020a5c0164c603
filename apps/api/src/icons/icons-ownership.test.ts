import type { Asset } from "@parametric-portal/contracts/icons";
import { getAs, postIcon } from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let owner: SignedIn;
let other: SignedIn;
let icon: Asset;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signIn(t.app);
  other = await signIn(t.app);
  icon = (await postIcon(t.app, owner, { prompt: "offset curve" })).json<{ icon: Asset }>().icon;
});
afterAll(async () => {
  await t?.close();
});

describe("one user cannot reach another's icons", () => {
  it("does not list them, even by search", async () => {
    const mine = (await getAs(t.app, owner, "/api/icons")).json<{ items: Asset[] }>();
    expect(mine.items.map((i) => i.id)).toEqual([icon.id]);
    const theirs = (await getAs(t.app, other, "/api/icons?q=offset")).json<{ items: Asset[] }>();
    expect(theirs.items).toEqual([]);
  });

  it("answers 404 (not 403) to read, download, delete and refine, exactly as for a missing icon", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const id of [icon.id, missing]) {
      const read = await getAs(t.app, other, `/api/icons/${id}`);
      expect(read.statusCode).toBe(404);
      expect(read.json()).toMatchObject({ code: "NOT_FOUND" });
      expect((await getAs(t.app, other, `/api/icons/${id}/variants/0.svg`)).statusCode).toBe(404);
      const deleted = await t.app.inject({
        method: "DELETE",
        url: `/api/icons/${id}`,
        headers: { cookie: other.cookie, "x-csrf-token": other.csrfToken },
      });
      expect(deleted.statusCode).toBe(404);
      const refine = await postIcon(t.app, other, { prompt: "bolder", intent: "refine", parentId: id });
      expect(refine.statusCode).toBe(404);
      expect(refine.json()).toMatchObject({ code: "NOT_FOUND", details: { field: "body.parentId" } });
    }
    // Still there for its owner.
    expect((await getAs(t.app, owner, `/api/icons/${icon.id}`)).statusCode).toBe(200);
    expect((await getAs(t.app, owner, `/api/icons/${icon.id}/variants/0.svg`)).statusCode).toBe(200);
  });

  it("requires sign-in for every icons route", async () => {
    for (const [method, url] of [
      ["GET", "/api/icons"],
      ["GET", `/api/icons/${icon.id}`],
      ["GET", `/api/icons/${icon.id}/variants/0.svg`],
    ] as const) {
      const response = await t.app.inject({ method, url });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
    const post = await t.app.inject({ method: "POST", url: "/api/icons", payload: { prompt: "line" } });
    expect(post.statusCode).toBe(401);
  });
});
