import type { Asset, NotUnderstoodDetails, ParamChange } from "@parametric-portal/contracts/icons";
import { TOOL_PARAMETERS } from "@parametric-portal/icon-kit/tool-parameters";
import type { ToolId } from "@parametric-portal/icon-kit/vocabulary";
import { startFakeAnthropic } from "@parametric-portal/test-support/fake-anthropic-server";
import { useTestApp } from "@parametric-portal/test-support/hooks";
import {
  getAs,
  goodSvg,
  parseEvents,
  postIcon,
  toolInput,
} from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp } from "@parametric-portal/test-support/test-app";
import { describe, expect, it } from "vitest";

/** Honest answers with the local engine: nothing stored for what was not understood or refused. */

const t = useTestApp();

const listOf = async (who: SignedIn): Promise<Asset[]> =>
  (await getAs(t.app, who, "/api/icons?limit=100")).json<{ items: Asset[] }>().items;

const createArc = async (who: SignedIn): Promise<Asset> => {
  const response = await postIcon(t.app, who, { prompt: "arc through three points", engine: "local" });
  expect(response.statusCode).toBe(201);
  return response.json<{ icon: Asset }>().icon;
};

const refine = (who: SignedIn, parent: Asset, body: Record<string, unknown>) =>
  postIcon(t.app, who, { intent: "refine", engine: "local", parentId: parent.id, ...body });

describe("a prompt the engine does not understand", () => {
  it("answers 422 PROMPT_NOT_UNDERSTOOD with suggestions and stores nothing", async () => {
    const ada = await signIn(t.app);
    const response = await postIcon(t.app, ada, { prompt: "a cat", engine: "local" });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; message: string; details: NotUnderstoodDetails }>();
    expect(body.code).toBe("PROMPT_NOT_UNDERSTOOD");
    expect(body.details.unknown).toContain("cat");
    expect(body.details.suggestions.length).toBeGreaterThan(0);
    expect(body.details.suggestions.length).toBeLessThanOrEqual(3);
    expect(body.message).toContain(body.details.suggestions[0]);
    expect(await listOf(ada)).toEqual([]);
  });

  it("answers an event-stream client with an error event carrying the same code and details", async () => {
    const ada = await signIn(t.app);
    const response = await postIcon(t.app, ada, { prompt: "a cat" }, { accept: "text/event-stream" });
    expect(response.headers["content-type"]).toMatch(/^text\/event-stream/);
    const events = parseEvents(response.body);
    expect(events.map((e) => e.event)).toEqual(["error"]);
    expect(events[0]?.data).toMatchObject({
      code: "PROMPT_NOT_UNDERSTOOD",
      details: { unknown: expect.arrayContaining(["cat"]), suggestions: expect.any(Array) },
    });
    expect(await listOf(ada)).toEqual([]);
  });
});

describe("a prompt not understood with the server's Anthropic key", () => {
  it("costs no model call and no quota", async () => {
    const fake = await startFakeAnthropic();
    const paid = await createTestApp({
      ANTHROPIC_API_KEY: "sk-ant-server-key-for-honest-tests",
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_TIMEOUT_MS: "1500",
      ICON_DAILY_QUOTA: "1",
    });
    try {
      fake.reply({ kind: "tool", inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING" }]) });
      const ada = await signIn(paid.app);
      for (let i = 0; i < 3; i += 1) {
        const response = await postIcon(paid.app, ada, { prompt: "a cat" });
        expect(response.statusCode).toBe(422);
        expect(response.json()).toMatchObject({ code: "PROMPT_NOT_UNDERSTOOD" });
      }
      expect(fake.requests).toHaveLength(0);
      const reservations = await paid.database.query<{ n: number }>(
        "select count(*)::int as n from generation_reservations",
      );
      expect(reservations[0]?.n).toBe(0);
      // The one generation the quota allows is still there.
      const line = await postIcon(paid.app, ada, { prompt: "line" });
      expect(line.statusCode).toBe(201);
      expect(line.json<{ icon: Asset }>().icon.engine).toBe("anthropic");
      expect(fake.requests).toHaveLength(1);
    } finally {
      await paid.close();
      await fake.close();
    }
  });
});

describe("refining through the local engine", () => {
  it("refuses what the design system forbids, naming the reason, and stores nothing", async () => {
    const ada = await signIn(t.app);
    const parent = await createArc(ada);
    const response = await refine(ada, parent, { prompt: "thicker" });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: "REFINE_REFUSED",
      details: { reason: "forbidden_by_design_system" },
    });
    expect((await listOf(ada)).map((i) => i.id)).toEqual([parent.id]);
    const events = parseEvents(
      (
        await postIcon(
          t.app,
          ada,
          { prompt: "thicker", intent: "refine", engine: "local", parentId: parent.id },
          { accept: "text/event-stream" },
        )
      ).body,
    );
    expect(events.at(-1)).toMatchObject({
      event: "error",
      data: { code: "REFINE_REFUSED", details: { reason: "forbidden_by_design_system" } },
    });
    expect(events.map((e) => e.event)).not.toContain("done");
    expect(await listOf(ada)).toHaveLength(1);
  });

  it("refuses a refinement whose words change nothing", async () => {
    const ada = await signIn(t.app);
    const parent = await createArc(ada);
    const response = await refine(ada, parent, { prompt: "blorptastic" });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: "REFINE_REFUSED",
      details: { reason: "no_change", unknown: ["blorptastic"] },
    });
    expect(await listOf(ada)).toHaveLength(1);
  });

  it('"larger" changes a parameter of the parent variant and says which', async () => {
    const ada = await signIn(t.app);
    const parent = await createArc(ada);
    const response = await refine(ada, parent, { prompt: "larger" });
    expect(response.statusCode).toBe(201);
    const { icon, changes } = response.json<{ icon: Asset; changes: ParamChange[] }>();
    expect(icon).toMatchObject({ intent: "refine", parentId: parent.id });
    expect(changes.length).toBeGreaterThan(0);
    const [change] = changes;
    expect(change?.to).not.toBe(change?.from);
    expect(parent.variants[0]?.params?.[change?.key ?? ""]).toBe(change?.from);
    expect(icon.variants[0]?.params?.[change?.key ?? ""]).toBe(change?.to);
    expect(icon.variants[0]?.svg).not.toBe(parent.variants[0]?.svg);
  });
});

describe("what the issue reported", () => {
  it.each([
    ["polar array of 6 holes", "polarArray", { count: 6 }],
    ["rotate by 45 degrees", "rotate", { angle: 45 }],
    ["boolean union of two circles", "union", {}],
    ["radius dimension", "dimRadius", {}],
  ])('"%s" is stored as the %s tool with the named numbers', async (prompt, tool, named) => {
    const ada = await signIn(t.app);
    const response = await postIcon(t.app, ada, { prompt, engine: "local", variantCount: 2 });
    expect(response.statusCode).toBe(201);
    const { icon } = response.json<{ icon: Asset }>();
    for (const variant of icon.variants) {
      expect(variant.tool).toBe(tool);
      expect(variant.params).toMatchObject(named);
    }
    expect(icon.notUnderstood ?? []).toEqual([]);
  });
});

describe("live parameters", () => {
  it("stores each local variant's tool, parameters and construction, and reads them back", async () => {
    const ada = await signIn(t.app);
    const created = (
      await postIcon(t.app, ada, { prompt: "polygon", variantCount: 2, engine: "local" })
    ).json<{
      icon: Asset;
    }>().icon;
    for (const variant of created.variants) {
      expect(variant.tool).toBe("polygon");
      expect(Object.keys(variant.params ?? {})).toEqual(
        expect.arrayContaining(TOOL_PARAMETERS.polygon.map((s) => s.key)),
      );
      expect(variant.construction).toEqual(expect.any(String));
    }
    const read = (await getAs(t.app, ada, `/api/icons/${created.id}`)).json<{ icon: Asset }>().icon;
    expect(read.variants).toEqual(created.variants);
  });

  it("still reads rows stored before variants carried parameters", async () => {
    const ada = await signIn(t.app);
    const old = { index: 0, svg: "<svg/>", toolType: "DRAWING", passed: true, score: 1, findings: [] };
    const [row] = await t.database.query<{ id: string }>(
      `insert into assets (user_id, prompt, intent, color_mode, engine, variants)
       values ($1, 'old arc', 'create', 'dark', 'local', $2::jsonb) returning id`,
      [ada.userId, JSON.stringify([old])],
    );
    const read = await getAs(t.app, ada, `/api/icons/${row?.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<{ icon: Asset }>().icon.variants).toEqual([old]);
    // Without stored parameters there is nothing for the controls to set.
    const edit = await postIcon(t.app, ada, {
      prompt: "sides 8",
      intent: "refine",
      engine: "local",
      parentId: row?.id,
      params: { sides: 8 },
    });
    expect(edit.statusCode).toBe(400);
    expect(edit.json()).toMatchObject({ details: { field: "body.params" } });
  });

  it("saves exact values from the controls as a refinement of the chosen variant", async () => {
    const ada = await signIn(t.app);
    const parent = (
      await postIcon(t.app, ada, { prompt: "polygon", variantCount: 2, engine: "local" })
    ).json<{
      icon: Asset;
    }>().icon;
    const variant = parent.variants[1];
    const tool = variant?.tool as ToolId;
    const spec = TOOL_PARAMETERS[tool][0];
    if (spec === undefined || variant?.params === undefined) throw new Error("the polygon has no parameters");
    const value = variant.params[spec.key] === spec.max ? spec.min : spec.max;
    const response = await refine(ada, parent, {
      prompt: `${spec.key} ${value}`,
      parentVariant: 1,
      params: { [spec.key]: value },
    });
    expect(response.json()).not.toHaveProperty("code");
    expect(response.statusCode).toBe(201);
    const { icon, changes } = response.json<{ icon: Asset; changes: ParamChange[] }>();
    expect(icon.parentId).toBe(parent.id);
    expect(icon.variants[0]?.params?.[spec.key]).toBe(value);
    expect(changes).toContainEqual({ key: spec.key, from: variant.params[spec.key], to: value });
    const library = await listOf(ada);
    expect(library.find((i) => i.id === icon.id)?.parentId).toBe(parent.id);
    // Values the variant already has change nothing: refused, not stored as a copy.
    const same = await refine(ada, parent, {
      prompt: `${spec.key} ${variant.params[spec.key]}`,
      parentVariant: 1,
      params: { [spec.key]: variant.params[spec.key] },
    });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({ code: "REFINE_REFUSED", details: { reason: "no_change" } });
    expect(await listOf(ada)).toHaveLength(library.length);
  });

  it.each([
    ["an unknown key", { bogus: 1 }, "body.params.bogus", "local", "refine"],
    ["a value out of range", { sides: 10_000 }, "body.params.sides", "local", "refine"],
    ["params for another engine", { sides: 8 }, "body.engine", "auto", "refine"],
    ["params on a new icon", { sides: 8 }, "body.params", "local", "create"],
  ])("refuses %s with a 400 naming the field", async (_name, params, field, engine, intent) => {
    const ada = await signIn(t.app);
    const parent = (await postIcon(t.app, ada, { prompt: "hexagon", engine: "local" })).json<{
      icon: Asset;
    }>().icon;
    const response = await postIcon(t.app, ada, {
      prompt: "sides 8",
      intent,
      engine,
      parentId: parent.id,
      params,
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ message: string; details: { field: string } }>();
    expect(body.details.field).toBe(field);
    expect(body.message).toContain(field);
    expect(await listOf(ada)).toHaveLength(1);
  });

  it("refuses a parentVariant the parent does not have", async () => {
    const ada = await signIn(t.app);
    const parent = await createArc(ada);
    const response = await refine(ada, parent, { prompt: "larger", parentVariant: 5 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ details: { field: "body.parentVariant" } });
  });
});
