import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import type { Asset } from "@parametric-portal/contracts/icons";
import type { Database } from "@parametric-portal/database/client";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import {
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import { goodSvg, postIcon, toolInput } from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type App, buildApp } from "../app";
import { loadConfig } from "../config";
import { createLogger } from "../http/logger";
import { createMetrics, type Metrics } from "../http/metrics";

/**
 * The model path end to end: deterministic repairs, the one repair round with the model, the
 * prompt-caching marks and the token metrics. The deadline is long enough for a repair round.
 */
let fake: FakeAnthropic;
let database: Database;
let metrics: Metrics;
let app: App;
let user: SignedIn;
const lines: string[] = [];

beforeAll(async () => {
  fake = await startFakeAnthropic();
  database = (await openMigratedTestDatabase("pglite")).database;
  metrics = createMetrics(database);
  const config = loadConfig({
    NODE_ENV: "test",
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "info",
    DATA_DIR: "/nonexistent",
    ANTHROPIC_API_KEY: "sk-ant-repair-tests",
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_TIMEOUT_MS: "20000",
    ICON_DAILY_QUOTA: "100",
  });
  const logs = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  app = await buildApp(config, { database, logger: createLogger(config.logLevel, logs), metrics });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await fake?.close();
});
beforeEach(async () => {
  user = await signIn(app);
});

const line = (text: string) => goodSvg().replace('x1="6" y1="26" x2="26" y2="6"', text);
/** Grips 1.3 units off the line: close enough to snap. */
const gripsOffGeometry = () => goodSvg().replace('<rect x="5" y="25"', '<rect x="6.2" y="25.6"');
/** The line and its grips reach 2 units beyond the safe area, still on the canvas. */
const slightlyOutOfBounds = () =>
  line('x1="2" y1="30" x2="30" y2="2"')
    .replace('<rect x="5" y="25"', '<rect x="1" y="29"')
    .replace('<rect x="25" y="5"', '<rect x="29" y="1"');
const wrongStyles = () =>
  goodSvg()
    .replace('stroke-width="1" stroke-linecap="round" stroke-linejoin="round"', 'stroke-width="2"')
    .replace('<g id="Grips" fill="#ffffff"', '<g id="Grips" fill="none"');
/** A grip 3.5 units from the line: no safe repair, only the model can fix it. */
const gripFarOff = () => goodSvg().replace('<rect x="25" y="5"', '<rect x="15" y="20"');

const storedVariants = async (id: string) =>
  (
    await database.query<{ variants: Asset["variants"] }>("select variants from assets where id = $1", [id])
  )[0]?.variants ?? [];

const generate = async (variantCount: number, prompt = "line") => {
  const before = fake.requests.length;
  const response = await postIcon(app, user, { prompt, variantCount });
  expect(response.statusCode).toBe(201);
  const { icon } = response.json<{ icon: Asset }>();
  return { icon, sent: fake.requests.slice(before), stored: await storedVariants(icon.id) };
};

describe("the model path repairs what it can", () => {
  it("stores repairable variants repaired and passing, without asking the model again", async () => {
    fake.reply({
      kind: "tool",
      inputJson: toolInput(
        [gripsOffGeometry(), slightlyOutOfBounds(), wrongStyles()].map((svg) => ({
          svg,
          toolType: "DRAWING",
        })),
      ),
    });
    const { icon, sent, stored } = await generate(3);
    expect(sent).toHaveLength(1);
    expect(icon.variants.map((v) => v.passed)).toEqual([true, true, true]);
    expect(icon.variants.map((v) => v.repairs)).toEqual([
      [expect.stringMatching(/Snapped/)],
      [expect.stringMatching(/safe area/)],
      [expect.stringMatching(/layer styles/)],
    ]);
    expect(stored.map((v) => ({ passed: v.passed, repairs: v.repairs }))).toEqual(
      icon.variants.map((v) => ({ passed: v.passed, repairs: v.repairs })),
    );
  });

  it("sends an unrepairable variant back exactly once with its findings, then stores it flagged", async () => {
    fake.reply({ kind: "tool", inputJson: toolInput([{ svg: gripFarOff(), toolType: "DRAWING" }]) });
    const { icon, sent, stored } = await generate(1);
    expect(sent).toHaveLength(2);
    const messages = JSON.stringify(sent[1]?.body.messages);
    expect(messages).toContain("tool_result");
    expect(messages).toContain("[grip-on-geometry] Grip at (16, 21)");
    expect(icon.variants[0]).toMatchObject({ passed: false });
    expect(icon.variants[0]?.repairs).toBeUndefined();
    expect(icon.variants[0]?.findings.map((f) => f.rule)).toContain("grip-on-geometry");
    expect(stored[0]?.passed).toBe(false);
  });

  it("stores a variant the model fixed in the repair round as passing, noting the correction", async () => {
    fake.script(
      {
        kind: "tool",
        inputJson: toolInput([{ svg: gripFarOff(), toolType: "DRAWING", rationale: "first" }]),
      },
      { kind: "tool", inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING", rationale: "fixed" }]) },
    );
    const { icon, sent, stored } = await generate(1);
    expect(sent).toHaveLength(2);
    expect(icon.variants[0]).toMatchObject({ passed: true, rationale: "fixed" });
    expect(icon.variants[0]?.repairs).toEqual([expect.stringMatching(/Corrected by the model/)]);
    expect(stored[0]).toMatchObject({ passed: true, repairs: icon.variants[0]?.repairs });
  });

  it("marks the prompt for caching and counts the tokens of both calls, logging no prompt text", async () => {
    const secret = `arc marker${randomBytes(6).toString("hex")}`;
    fake.script(
      {
        kind: "tool",
        inputJson: toolInput([{ svg: gripFarOff(), toolType: "DRAWING" }]),
        usage: { input: 1_000, cacheCreation: 3_000, output: 1_500 },
      },
      {
        kind: "tool",
        inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING" }]),
        usage: { input: 2_000, cacheRead: 3_000, output: 700 },
      },
    );
    const read = async () => {
      const text = await metrics.registry.metrics();
      const value = (kind: string) =>
        Number(
          new RegExp(`icon_generation_tokens_total\\{engine="anthropic",kind="${kind}"\\} (\\d+)`).exec(
            text,
          )?.[1] ?? 0,
        );
      return {
        input: value("input"),
        cacheRead: value("cache_read"),
        cacheCreation: value("cache_creation"),
        output: value("output"),
      };
    };
    const before = await read();
    const { sent } = await generate(1, secret);
    for (const request of sent) {
      const system = request.body.system as { cache_control?: unknown }[];
      expect(system.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
      expect((request.body.tools as { cache_control?: unknown }[])[0]?.cache_control).toEqual({
        type: "ephemeral",
      });
    }
    const after = await read();
    expect({
      input: after.input - before.input,
      cacheRead: after.cacheRead - before.cacheRead,
      cacheCreation: after.cacheCreation - before.cacheCreation,
      output: after.output - before.output,
    }).toEqual({ input: 3_000, cacheRead: 3_000, cacheCreation: 3_000, output: 2_200 });
    const logged = lines.join("");
    expect(logged).toContain('"cacheRead":3000');
    expect(logged).not.toContain(secret);
  });
});
