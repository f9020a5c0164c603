import net from "node:net";
import { openMigratedTestDatabase, type PostgresConfig } from "@parametric-portal/test-support/database";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./client";
import { classifyDatabaseError } from "./errors";
import { assets, users } from "./schema";

const failure = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the database call to fail, and it succeeded");
};

describe.each(["postgres", "pglite"] as const)("classifyDatabaseError on %s", (kind) => {
  let database: Database;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ database, close } = await openMigratedTestDatabase(kind, "errors"));
  });
  afterAll(async () => close?.());

  it("names a unique violation and the index that refused it, through Drizzle's wrapper too", async () => {
    await database.db.insert(users).values({ email: "grace@example.com" });
    const raw = await failure(database.query("insert into users (email) values ('GRACE@example.com')"));
    expect(classifyDatabaseError(raw)).toEqual({
      kind: "unique_violation",
      code: "23505",
      constraint: "users_email_lower_key",
    });
    const wrapped = await failure(database.db.insert(users).values({ email: "Grace@Example.com" }));
    expect(classifyDatabaseError(wrapped)).toMatchObject({ kind: "unique_violation", code: "23505" });
  });

  it("names a value the database cannot take", async () => {
    const badDate = await failure(database.query("select $1::timestamptz", ["2026-13-45 99:00:00+00"]));
    expect(classifyDatabaseError(badDate)).toMatchObject({ kind: "invalid_value" });
    const badUuid = await failure(database.db.select().from(users).where(eq(users.id, "not-a-uuid")));
    expect(classifyDatabaseError(badUuid)).toEqual({ kind: "invalid_value", code: "22P02" });
  });

  it("names foreign-key and check violations", async () => {
    const orphan = await failure(
      database.db.insert(assets).values({
        userId: "00000000-0000-4000-8000-000000000000",
        prompt: "p",
        intent: "create",
        colorMode: "dark",
        engine: "local",
        variants: [],
      }),
    );
    expect(classifyDatabaseError(orphan)).toMatchObject({ kind: "foreign_key_violation", code: "23503" });
    const [owner] = await database.db.insert(users).values({}).returning({ id: users.id });
    const badIntent = await failure(
      database.query(
        "insert into assets (user_id, prompt, intent, color_mode, engine, variants) values ($1, 'p', 'paint', 'dark', 'local', '[]')",
        [owner?.id],
      ),
    );
    expect(classifyDatabaseError(badIntent)).toEqual({
      kind: "constraint_violation",
      code: "23514",
      constraint: "assets_intent_check",
    });
  });

  it("calls a query error that is none of these 'other'", async () => {
    expect(classifyDatabaseError(await failure(database.query("select * from no_such_table")))).toEqual({
      kind: "other",
    });
    expect(classifyDatabaseError(new Error("plain"))).toEqual({ kind: "other" });
    expect(classifyDatabaseError("not an error")).toEqual({ kind: "other" });
  });
});

describe("classifyDatabaseError on server-only failures", () => {
  let database: Database;
  let config: PostgresConfig | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ database, config, close } = await openMigratedTestDatabase("postgres", "errorsnet"));
  });
  afterAll(async () => close?.());

  it("calls a refused connection unavailable", async () => {
    // A port that was just free and is closed again: nothing listens there.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    if (config === undefined) throw new Error("the server test database has no config");
    const refused = await openDatabase({ ...config, port });
    try {
      const error = await failure(refused.query("select 1"));
      expect(classifyDatabaseError(error)).toMatchObject({ kind: "unavailable", code: "ECONNREFUSED" });
    } finally {
      await refused.close();
    }
  });

  it("calls a terminated session unavailable and a statement timeout query_canceled", async () => {
    const terminated = await failure(
      database.withConnection(async (session) => {
        await session.query("select pg_terminate_backend(pg_backend_pid())");
      }),
    );
    expect(classifyDatabaseError(terminated)).toMatchObject({ kind: "unavailable" });
    const canceled = await failure(
      database.withConnection(async (session) => {
        await session.exec("set statement_timeout = 50");
        try {
          await session.query("select pg_sleep(5)");
        } finally {
          await session.exec("reset statement_timeout");
        }
      }),
    );
    expect(classifyDatabaseError(canceled)).toEqual({ kind: "query_canceled", code: "57014" });
  });
});
