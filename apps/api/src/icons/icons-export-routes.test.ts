import type { Asset } from "@parametric-portal/contracts/icons";
import { checkSvg } from "@parametric-portal/icon-kit/design-check";
import { getAs, postIcon } from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { decode } from "fast-png";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let owner: SignedIn;
let other: SignedIn;
let arc: Asset;
let refined: Asset;

const postExport = (who: SignedIn, payload: object) =>
  t.app.inject({
    method: "POST",
    url: "/api/icons/export",
    headers: { cookie: who.cookie, "x-csrf-token": who.csrfToken },
    payload,
  });

beforeAll(async () => {
  t = await createTestApp();
  owner = await signIn(t.app);
  other = await signIn(t.app);
  arc = (await postIcon(t.app, owner, { prompt: "arc through three points" })).json<{ icon: Asset }>().icon;
  const refine = await postIcon(t.app, owner, {
    prompt: "larger",
    intent: "refine",
    parentId: arc.id,
  });
  refined = refine.json<{ icon: Asset }>().icon;
});
afterAll(async () => {
  await t?.close();
});

describe("GET /api/icons/:id/export", () => {
  it("serves a conformant SVG attachment named after the icon", async () => {
    const res = await getAs(t.app, owner, `/api/icons/${arc.id}/export?format=svg&colors=css-vars`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="arc-through-three-points.svg"');
    expect(res.headers["content-security-policy"]).toContain("sandbox");
    expect(checkSvg(res.body).passed).toBe(true);
    expect(res.body).toContain("var(--pp-primary");
  });

  it("names a refined icon after its origin, never after the refine instruction", async () => {
    expect(refined.intent).toBe("refine");
    const res = await getAs(t.app, owner, `/api/icons/${refined.id}/export`);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="arc-through-three-points.svg"');
    const named = await getAs(t.app, owner, `/api/icons/${refined.id}/export?name=Bold%20arc`);
    expect(named.headers["content-disposition"]).toBe('attachment; filename="bold-arc.svg"');
  });

  it("serves a PNG of the requested size, optically drawn at 16 px", async () => {
    const res = await getAs(t.app, owner, `/api/icons/${arc.id}/export?format=png&size=16&optical=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="arc-through-three-points-16.png"');
    const image = decode(res.rawPayload);
    expect([image.width, image.height]).toEqual([16, 16]);
    expect(image.data.some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
  });

  it("serves sprite, React, Vue and ZIP with their content types", async () => {
    const cases = [
      [
        "sprite",
        "image/svg+xml; charset=utf-8",
        "arc-through-three-points-sprite.svg",
        '<symbol id="arc-through-three-points"',
      ],
      [
        "react",
        "text/plain; charset=utf-8",
        "ArcThroughThreePointsIcon.tsx",
        "export function ArcThroughThreePointsIcon",
      ],
      ["vue", "text/plain; charset=utf-8", "ArcThroughThreePointsIcon.vue", '<script setup lang="ts">'],
    ] as const;
    for (const [format, type, file, text] of cases) {
      const res = await getAs(
        t.app,
        owner,
        `/api/icons/${arc.id}/export?format=${format}&colors=currentColor&ids=false&title=false`,
      );
      expect(res.statusCode, format).toBe(200);
      expect(res.headers["content-type"]).toBe(type);
      expect(res.headers["content-disposition"]).toBe(`attachment; filename="${file}"`);
      expect(res.body).toContain(text);
      expect(res.body).not.toMatch(/#[0-9a-f]{3,6}\b/i);
    }
    const zip = await getAs(t.app, owner, `/api/icons/${arc.id}/export?format=zip&size=24`);
    expect(zip.headers["content-type"]).toBe("application/zip");
    const entries = unzipSync(zip.rawPayload);
    const manifest = JSON.parse(strFromU8(entries["manifest.json"] ?? new Uint8Array())) as {
      files: string[];
      sizes: number[];
    };
    expect(Object.keys(entries).sort()).toEqual([...manifest.files, "manifest.json"].sort());
    expect(manifest.sizes).toEqual([16, 20, 24, 32, 64]);
  });

  it("answers 400 naming the bad parameter", async () => {
    const cases = [
      ["format=gif", "querystring.format", /must be one of svg, png, sprite, react, vue, zip/],
      ["format=png&size=30", "querystring.size", /must be one of 16, 20, 24, 32, 48, 64, 128, 256, 512/],
      ["colors=pink", "querystring.colors", /must be one of palette, currentColor, css-vars/],
      ["variant=99", "querystring.variant", /must be <= 7/],
      ["optical=maybe", "querystring.optical", /boolean/],
      ["shape=round", "querystring", /additional properties/],
    ] as const;
    for (const [query, field, message] of cases) {
      const res = await getAs(t.app, owner, `/api/icons/${arc.id}/export?${query}`);
      expect(res.statusCode, query).toBe(400);
      const body = res.json<{ code: string; message: string; details: { field: string }[] }>();
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.details[0]?.field).toBe(field);
      expect(body.message).toMatch(message);
    }
  });

  it("answers 404 for someone else's icon, a missing one and a missing variant; 401 signed out", async () => {
    for (const url of [
      `/api/icons/${arc.id}/export`,
      "/api/icons/00000000-0000-4000-8000-000000000000/export",
    ]) {
      const res = await getAs(t.app, other, url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await getAs(t.app, owner, `/api/icons/${arc.id}/export?variant=7`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/icons/${arc.id}/export` })).statusCode).toBe(401);
  });
});

describe("POST /api/icons/export", () => {
  it("zips a named set with a manifest of exactly its files", async () => {
    const res = await postExport(owner, {
      format: "zip",
      sizes: [16, 24],
      optical: true,
      items: [{ id: arc.id }, { id: refined.id, name: "bold arc" }, { id: arc.id }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="icons.zip"');
    const entries = unzipSync(res.rawPayload);
    const manifest = JSON.parse(strFromU8(entries["manifest.json"] ?? new Uint8Array())) as {
      files: string[];
      icons: { name: string }[];
      optical: boolean;
    };
    expect(Object.keys(entries).sort()).toEqual([...manifest.files, "manifest.json"].sort());
    expect(manifest.icons.map((i) => i.name)).toEqual([
      "arc through three points",
      "bold arc",
      "arc through three points",
    ]);
    expect(manifest.files).toContain("svg/arc-through-three-points-2.svg");
    expect(manifest.files).toContain("png/bold-arc-16.png");
    expect(manifest.optical).toBe(true);
  });

  it("serves a set as one sprite and one React module", async () => {
    const sprite = await postExport(owner, {
      format: "sprite",
      items: [{ id: arc.id }, { id: refined.id, name: "bold" }],
    });
    expect(sprite.statusCode).toBe(200);
    expect(sprite.body).toContain('<symbol id="bold"');
    const react = await postExport(owner, { format: "react", items: [{ id: arc.id }, { id: refined.id }] });
    expect(react.headers["content-disposition"]).toBe('attachment; filename="icons.tsx"');
    expect(react.body).toContain("ArcThroughThreePoints2Icon");
  });

  it("answers 400 for a bad set and 404 naming the item that is not yours", async () => {
    const tooMany = await postExport(owner, {
      format: "zip",
      items: Array.from({ length: 101 }, () => ({ id: arc.id })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ details: [{ field: "body.items" }] });
    const single = await postExport(owner, { format: "svg", items: [{ id: arc.id }, { id: arc.id }] });
    expect(single.statusCode).toBe(400);
    expect(single.json()).toMatchObject({ details: [{ field: "body.format" }] });
    const badSize = await postExport(owner, { format: "zip", sizes: [16, 17], items: [{ id: arc.id }] });
    expect(badSize.json()).toMatchObject({ details: [{ field: "body.sizes.1" }] });
    const theirs = await postExport(other, { format: "zip", items: [{ id: arc.id }] });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ code: "NOT_FOUND", details: { field: "body.items.0.id" } });
  });
});
