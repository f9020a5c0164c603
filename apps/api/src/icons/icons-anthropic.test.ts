import type { Asset } from "@parametric-portal/contracts/icons";
import {
  apiKeyOf,
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import {
  countAssets,
  goodSvg,
  parseEvents,
  postIcon,
  toolInput,
} from "@parametric-portal/test-support/icons-test-kit";
import { waitFor } from "@parametric-portal/test-support/processes";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "../auth/api-keys";

const SERVER_KEY = "sk-ant-server-key-for-tests";
let fake: FakeAnthropic;
let t: TestApp;
let ada: SignedIn;
const assets = () => countAssets((text) => t.database.query<{ n: number }>(text));

beforeAll(async () => {
  fake = await startFakeAnthropic();
  t = await createTestApp({
    ANTHROPIC_API_KEY: SERVER_KEY,
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_MODEL: "claude-fake-model",
    ANTHROPIC_TIMEOUT_MS: "1500",
    ICON_DAILY_QUOTA: "5",
  });
  ada = await signIn(t.app);
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});
beforeEach(async () => {
  // A fresh user per test: failed generations count against the daily quota (5 here).
  ada = await signIn(t.app);
  fake.reply({
    kind: "tool",
    inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING", rationale: "a line" }]),
  });
});

describe("POST /api/icons with the Anthropic engine", () => {
  it("uses the server key, streams from the model and stores the checked variants", async () => {
    fake.reply({
      kind: "tool",
      inputJson: toolInput([
        { svg: goodSvg(), toolType: "DRAWING", rationale: "first" },
        { svg: goodSvg().replace("4", "5"), toolType: "DRAWING", rationale: "second" },
      ]),
    });
    const response = await postIcon(t.app, ada, { prompt: "line", variantCount: 2, colorMode: "light" });
    expect(response.statusCode).toBe(201);
    const { icon } = response.json<{ icon: Asset }>();
    expect(icon).toMatchObject({ engine: "anthropic", prompt: "line", colorMode: "light" });
    expect(icon.variants).toHaveLength(2);
    expect(icon.variants[0]).toMatchObject({
      index: 0,
      passed: true,
      toolType: "DRAWING",
      rationale: "first",
    });
    const request = fake.requests.at(-1);
    expect(request && apiKeyOf(request)).toBe(SERVER_KEY);
    expect(request?.body.model).toBe("claude-fake-model");
    // The light palette's primary colour, from icon-kit's data.
    expect(JSON.stringify(request?.body.system)).toContain("#1750c8");
    const rows = await t.database.query<{ key_source: string }>(
      "select key_source from assets where id = $1",
      [icon.id],
    );
    expect(rows[0]?.key_source).toBe("server");
  });

  it("prefers the user's own stored key, and engine local skips the model", async () => {
    const bea = await signIn(t.app);
    const userKey = "sk-ant-bea-own-key-0001";
    await createApiKey(t.database, t.config.encryptionKey as Buffer, bea.userId, {
      provider: "anthropic",
      name: "mine",
      key: userKey,
    });
    const response = await postIcon(t.app, bea, { prompt: "line" });
    expect(response.statusCode).toBe(201);
    const request = fake.requests.at(-1);
    expect(request && apiKeyOf(request)).toBe(userKey);
    const { icon } = response.json<{ icon: Asset }>();
    const rows = await t.database.query<{ key_source: string }>(
      "select key_source from assets where id = $1",
      [icon.id],
    );
    expect(rows[0]?.key_source).toBe("user");

    const before = fake.requests.length;
    const local = await postIcon(t.app, bea, { prompt: "line", engine: "local" });
    expect(local.json<{ icon: Asset }>().icon.engine).toBe("local");
    expect(fake.requests.length).toBe(before);
  });

  it("stores output that breaks the design rules, with passed=false and its findings", async () => {
    const offCanvas =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><g id="Primary"><line x1="0" y1="0" x2="60" y2="60" stroke="#5cc8ff" stroke-width="3"/></g></svg>';
    fake.reply({ kind: "tool", inputJson: toolInput([{ svg: offCanvas, toolType: "DRAWING" }]) });
    const response = await postIcon(t.app, ada, { prompt: "a big line" });
    expect(response.statusCode).toBe(201);
    const variant = response.json<{ icon: Asset }>().icon.variants[0];
    expect(variant?.passed).toBe(false);
    expect(variant?.score).toBeLessThan(100);
    expect(variant?.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["viewBox", "layers"]));
  });

  it("sanitises hostile SVG before storing it: no script survives", async () => {
    const hostile = goodSvg()
      .replace(
        /<svg([^>]*)>/,
        '<svg$1 onload="alert(1)"><script>alert(2)</script><foreignObject><div>x</div></foreignObject>',
      )
      .replace(
        "</svg>",
        '<a href="javascript:alert(3)"><rect x="4" y="4" width="2" height="2"/></a><image href="https://evil.example/x.png"/></svg>',
      );
    expect(hostile).toContain("<script>alert(2)</script>");
    expect(hostile).toContain("javascript:alert(3)");
    fake.reply({ kind: "tool", inputJson: toolInput([{ svg: hostile, toolType: "DRAWING" }]) });
    const response = await postIcon(t.app, ada, { prompt: "line" });
    expect(response.statusCode).toBe(201);
    const { icon } = response.json<{ icon: Asset }>();
    const stored = await t.database.query<{ variants: { svg: string }[] }>(
      "select variants from assets where id = $1",
      [icon.id],
    );
    const svg = stored[0]?.variants[0]?.svg ?? "";
    expect(svg).toContain("<svg");
    for (const bad of ["<script", "onload", "javascript:", "foreignObject", "evil.example", "alert"]) {
      expect(svg).not.toContain(bad);
    }
  });

  it("sends the model only sanitised reference and attachment SVG", async () => {
    const hostile = (n: number) =>
      goodSvg()
        .replace(/<svg([^>]*)>/, `<svg$1 onload="alert(${n})"><script>alert(${n})</script>`)
        .replace(
          "</svg>",
          `<a href="javascript:alert(${n})"><rect x="4" y="4" width="2" height="2"/></a></svg>`,
        );
    // Its own user: ada's server-paid quota (5) is spent by the other tests of this file.
    const eve = await signIn(t.app);
    const response = await postIcon(t.app, eve, {
      prompt: "refine this",
      intent: "refine",
      referenceSvg: hostile(1),
      attachments: [{ name: "style.svg", svg: hostile(2) }],
    });
    expect(response.statusCode).toBe(201);
    const sent = JSON.stringify(fake.requests.at(-1)?.body.messages);
    // The SVGs did reach the model (their drawing survives), their active content did not.
    expect(sent).toContain("stroke-width");
    expect(sent).toContain("style.svg");
    for (const bad of ["<script", "onload", "javascript:", "alert("]) expect(sent).not.toContain(bad);
  });

  it.each([
    ["bad JSON", '{"variants": [{"svg": "<svg'],
    ["missing fields", JSON.stringify({ variants: [{ toolType: "DRAWING" }] })],
    ["no SVG at all", toolInput([{ svg: "I cannot draw that, sorry.", toolType: "DRAWING" }])],
  ])(
    "answers 502 PROVIDER_BAD_OUTPUT for malformed output (%s) and stores nothing",
    async (_name, inputJson) => {
      fake.reply({ kind: "tool", inputJson });
      const before = await assets();
      const response = await postIcon(t.app, ada, { prompt: "line" });
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ code: "PROVIDER_BAD_OUTPUT" });
      expect(await assets()).toBe(before);
    },
  );

  it("maps provider errors: 401, 429 with retry-after, 529; nothing stored", async () => {
    const before = await assets();
    fake.reply({ kind: "error", status: 401, type: "authentication_error" });
    const auth = await postIcon(t.app, ada, { prompt: "line" });
    expect(auth.statusCode).toBe(502);
    expect(auth.json()).toMatchObject({
      code: "PROVIDER_AUTH_FAILED",
      message: expect.stringMatching(/key/),
    });

    fake.reply({ kind: "error", status: 429, type: "rate_limit_error", headers: { "retry-after": "17" } });
    const limited = await postIcon(t.app, ada, { prompt: "line" });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBe("17");
    expect(limited.json()).toMatchObject({ code: "PROVIDER_RATE_LIMITED" });

    fake.reply({ kind: "error", status: 529, type: "overloaded_error" });
    const overloaded = await postIcon(t.app, ada, { prompt: "line" });
    expect(overloaded.statusCode).toBe(503);
    expect(overloaded.json()).toMatchObject({ code: "PROVIDER_OVERLOADED" });
    expect(await assets()).toBe(before);
  });

  it("answers 504 PROVIDER_TIMEOUT when the model stalls, and stores nothing", async () => {
    fake.reply({ kind: "stall" });
    const before = await assets();
    const response = await postIcon(t.app, ada, { prompt: "line" });
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ code: "PROVIDER_TIMEOUT" });
    expect(await assets()).toBe(before);
  });

  it("streams progress then done over Server-Sent Events", async () => {
    const response = await postIcon(t.app, ada, { prompt: "line" }, { accept: "text/event-stream" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/event-stream/);
    const events = parseEvents(response.body);
    expect(events.map((e) => e.event).slice(0, 1)).toEqual(["progress"]);
    expect(events.filter((e) => e.event === "progress").map((e) => e.data.stage)).toEqual(
      expect.arrayContaining(["queued", "generating", "receiving", "checking", "saving"]),
    );
    const done = events.at(-1) ?? { event: "none", data: {} };
    expect(done.event).toBe("done");
    const icon = (done.data as { icon: Asset }).icon;
    expect(icon.engine).toBe("anthropic");
    expect((await t.database.query("select id from assets where id = $1", [icon.id])).length).toBe(1);
  });

  it("reports a provider failure as an SSE error event", async () => {
    fake.reply({ kind: "error", status: 529, type: "overloaded_error" });
    const response = await postIcon(t.app, ada, { prompt: "line" }, { accept: "text/event-stream" });
    const last = parseEvents(response.body).at(-1);
    expect(last).toEqual({
      event: "error",
      data: { code: "PROVIDER_OVERLOADED", message: expect.any(String) },
    });
  });

  it("counts generations still in flight on another replica against the quota", async () => {
    const dee = await signIn(t.app);
    for (let i = 0; i < 4; i++) {
      await t.database.query(
        `insert into assets (user_id, prompt, intent, color_mode, engine, key_source, variants)
         values ($1, 'old', 'create', 'dark', 'anthropic', 'server', '[]'::jsonb)`,
        [dee.userId],
      );
    }
    fake.reply({ kind: "stall" });
    const before = fake.requests.length;
    const first = postIcon(t.app, dee, { prompt: "line" });
    await waitFor(() => fake.requests.length > before, "the first generation to reach the model", 10_000);
    // A second API replica on the same database, with the same ENCRYPTION_KEY (so the session is valid).
    const replica = await createTestApp(
      {
        ENCRYPTION_KEY: t.config.encryptionKey!.toString("base64"),
        ANTHROPIC_API_KEY: SERVER_KEY,
        ANTHROPIC_BASE_URL: fake.url,
        ICON_DAILY_QUOTA: "5",
      },
      { database: t.database },
    );
    try {
      const second = await postIcon(replica.app, dee, { prompt: "line" });
      expect(second.statusCode).toBe(429);
      expect(second.json()).toMatchObject({ code: "QUOTA_EXCEEDED" });
    } finally {
      await replica.close();
    }
    // The stalled one times out and is not stored, but its stream had begun (the model may have
    // been paid), so its place stays used for the day.
    expect((await first).statusCode).toBe(504);
    fake.reply({ kind: "tool", inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING" }]) });
    expect((await postIcon(t.app, dee, { prompt: "line" })).statusCode).toBe(429);
  });

  it("gives the reservation back before answering, so the quota is usable to the last place", async () => {
    const fay = await signIn(t.app);
    for (let i = 0; i < 3; i++) {
      await t.database.query(
        `insert into assets (user_id, prompt, intent, color_mode, engine, key_source, variants)
         values ($1, 'old', 'create', 'dark', 'anthropic', 'server', '[]'::jsonb)`,
        [fay.userId],
      );
    }
    const reservations = async () =>
      (
        await t.database.query<{ n: number }>(
          "select count(*)::int as n from generation_reservations where user_id = $1",
          [fay.userId],
        )
      )[0]?.n;
    expect((await postIcon(t.app, fay, { prompt: "line" })).statusCode).toBe(201);
    expect(await reservations()).toBe(0);
    const streamed = await postIcon(t.app, fay, { prompt: "line" }, { accept: "text/event-stream" });
    expect(parseEvents(streamed.body).at(-1)?.event).toBe("done");
    expect(await reservations()).toBe(0);
    expect((await postIcon(t.app, fay, { prompt: "line" })).json()).toMatchObject({ code: "QUOTA_EXCEEDED" });
  });

  it("enforces the daily quota on server-paid generations only (429 QUOTA_EXCEEDED)", async () => {
    const cy = await signIn(t.app);
    for (let i = 0; i < 5; i++) {
      await t.database.query(
        `insert into assets (user_id, prompt, intent, color_mode, engine, key_source, variants)
         values ($1, 'old', 'create', 'dark', 'anthropic', 'server', '[]'::jsonb)`,
        [cy.userId],
      );
    }
    const refused = await postIcon(t.app, cy, { prompt: "line" });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: "QUOTA_EXCEEDED", details: { limit: 5 } });
    // The local engine and the user's own key are not paid by the server.
    expect((await postIcon(t.app, cy, { prompt: "line", engine: "local" })).statusCode).toBe(201);
    await createApiKey(t.database, t.config.encryptionKey as Buffer, cy.userId, {
      provider: "anthropic",
      name: "own",
      key: "sk-ant-cy-own-key-0002",
    });
    expect((await postIcon(t.app, cy, { prompt: "line" })).statusCode).toBe(201);
  });
});
