import type { Asset } from "@parametric-portal/contracts/icons";
import { type Database, openDatabase } from "@parametric-portal/database/client";
import { migrate } from "@parametric-portal/database/migrate";
import { TcpProxy } from "@parametric-portal/database/tcp-proxy";
import { createTestDatabase, testServer } from "@parametric-portal/database/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type SignedIn, signIn } from "../test-support/session";
import { createTestApp, type TestApp } from "../test-support/test-app";
import { type FakeAnthropic, startFakeAnthropic } from "./fake-anthropic-server";
import { goodSvg, postIcon, toolInput } from "./icons-test-kit";

/** The model answered (and was paid); then the database connection dropped. The answer is kept. */

const proxy = new TcpProxy(testServer.host, testServer.port);
let fake: FakeAnthropic;
let database: Database;
let drop: () => Promise<void>;
let t: TestApp;
let user: SignedIn;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  const created = await createTestDatabase("storeretry");
  drop = created.drop;
  const port = await proxy.start();
  database = await openDatabase({ ...created.config, port });
  await migrate(database);
  t = await createTestApp(
    { ANTHROPIC_API_KEY: "sk-ant-server-retry", ANTHROPIC_BASE_URL: fake.url },
    { database },
  );
  user = await signIn(t.app);
});
afterAll(async () => {
  await t?.close();
  await database?.close();
  await proxy.stop();
  await drop?.();
  await fake?.close();
});

it("retries the insert until the database is back, then answers 201 with the stored icon", async () => {
  fake.reply({ kind: "linger", inputJson: toolInput([{ svg: goodSvg(), toolType: "DRAWING" }]) });
  const answered = fake.nextAnswered();
  const pending = postIcon(t.app, user, { prompt: "arc kept through a database blip" });
  await answered;
  // The answer is on its way to the API; the path to the database goes away before it is stored.
  await proxy.stop();
  while (!t.logs().includes("storing a generation failed; retrying")) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await proxy.start();
  const response = await pending;
  expect(response.statusCode).toBe(201);
  const { icon } = response.json<{ icon: Asset }>();
  const rows = await database.query<{ prompt: string }>("select prompt from assets where id = $1", [icon.id]);
  expect(rows).toEqual([{ prompt: "arc kept through a database blip" }]);
});
