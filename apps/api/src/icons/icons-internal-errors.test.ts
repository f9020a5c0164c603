import { getAs, parseEvents, postIcon } from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { createTestApp, type TestApp } from "@parametric-portal/test-support/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A database failure that is not an outage (here: the table is gone) is a bug on our side. The
 * client gets a stable code and a human message; the PostgreSQL error text stays in the logs.
 */

let t: TestApp;
let user: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  user = await signIn(t.app);
  await t.database.query("alter table assets rename to assets_gone");
});
afterAll(async () => {
  await t?.database.query("alter table assets_gone rename to assets");
  await t?.close();
});

const PG_DETAILS = ["assets", "relation", "does not exist", "42P01", "select", "insert"];

describe("an internal failure", () => {
  it("answers JSON 500 INTERNAL without the database's words", async () => {
    const responses = [
      await getAs(t.app, user, "/api/icons"),
      await postIcon(t.app, user, { prompt: "line", engine: "local" }),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ code: "INTERNAL", message: expect.any(String) });
      for (const word of PG_DETAILS) expect(response.body.toLowerCase()).not.toContain(word);
    }
    // The operator still finds the cause in the logs.
    expect(t.logs()).toContain("does not exist");
  });

  it("ends a Server-Sent Events generation with an error event that leaks nothing", async () => {
    const response = await postIcon(
      t.app,
      user,
      { prompt: "line", engine: "local" },
      { accept: "text/event-stream" },
    );
    const last = parseEvents(response.body).at(-1);
    expect(last).toEqual({ event: "error", data: { code: "INTERNAL", message: expect.any(String) } });
    for (const word of PG_DETAILS) expect(JSON.stringify(last).toLowerCase()).not.toContain(word);
  });
});
