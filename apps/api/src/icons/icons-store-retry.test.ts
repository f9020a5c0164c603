import type { Asset } from "@parametric-portal/contracts/icons";
import { type Database, openDatabase } from "@parametric-portal/database/client";
import { openMigratedTestDatabase, testServer } from "@parametric-portal/test-support/database";
import {
  type FakeAnthropic,
  startFakeAnthropic,
} from "@parametric-portal/test-support/fake-anthropic-server";
import { goodSvg, postIcon, toolInput } from "@parametric-portal/test-support/icons-test-kit";
import { waitFor } from "@parametric-portal/test-support/processes";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { TcpProxy } from "@parametric-portal/test-support/tcp-proxy";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, expect, it } from "vitest";

/** The model answered (and was paid); then the database connection dropped. The answer is kept. */

const proxy = new TcpProxy(testServer.host, testServer.port);
let fake: FakeAnthropic;
let database: Database;
let drop: () => Promise<void>;
let t: TestApp;
let user: SignedIn;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  const created = await openMigratedTestDatabase("postgres", "storeretry");
  drop = created.close;
  const port = await proxy.start();
  // The app's own connection goes through the proxy, so the test can cut it.
  database = await openDatabase({ ...created.config, port });
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
  await waitFor(
    () => t.logs().includes("storing a generation failed; retrying"),
    "the API to log a failed store and retry",
    10_000,
  );
  await proxy.start();
  const response = await pending;
  expect(response.statusCode).toBe(201);
  const { icon } = response.json<{ icon: Asset }>();
  const rows = await database.query<{ prompt: string }>("select prompt from assets where id = $1", [icon.id]);
  expect(rows).toEqual([{ prompt: "arc kept through a database blip" }]);
});
