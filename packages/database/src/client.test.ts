import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Variant } from "@parametric-portal/contracts/icons";
import { openMigratedTestDatabase, testServer } from "@parametric-portal/test-support/database";
import { within } from "@parametric-portal/test-support/deadline";
import { TcpProxy } from "@parametric-portal/test-support/tcp-proxy";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { assets, users } from "./schema";

let scratch: string | undefined;
afterEach(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe("openDatabase (PGlite)", () => {
  it("creates a data folder whose parents do not exist yet, and reopens it", async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "pp-pglite-"));
    const dataDir = path.join(scratch, "fresh", ".data", "pglite");
    const first = await openDatabase({ kind: "pglite", dataDir });
    try {
      await first.exec("create table kept (n int); insert into kept values (7)");
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    const second = await openDatabase({ kind: "pglite", dataDir });
    try {
      expect(await second.query("select n from kept")).toEqual([{ n: 7 }]);
    } finally {
      await second.close();
    }
  });
});

// node-postgres and PGlite both parse jsonb by its type; repositories rely on getting values, never text.
describe.each(["postgres", "pglite"] as const)("jsonb on %s", (kind) => {
  it("comes back as values through Drizzle and through raw queries, however it was written", async () => {
    const { database, close } = await openMigratedTestDatabase(kind, "jsonb");
    try {
      const [owner] = await database.db.insert(users).values({}).returning({ id: users.id });
      const userId = owner?.id ?? "";
      const nested: Variant[] = [
        {
          index: 0,
          svg: '<svg a="1"/>',
          toolType: "DRAWING",
          passed: true,
          score: 1.5,
          findings: [{ rule: "ü", severity: "warning", message: "m" }],
        },
      ];
      const [written] = await database.db
        .insert(assets)
        .values({
          userId,
          prompt: "p",
          intent: "create",
          colorMode: "dark",
          engine: "local",
          variants: nested,
          understood: ["arc"],
        })
        .returning({ variants: assets.variants, understood: assets.understood });
      expect(written).toEqual({ variants: nested, understood: ["arc"] });
      // Text sent without a cast, as a hand-written statement might.
      await database.query(
        "insert into assets (user_id, prompt, intent, color_mode, engine, variants, not_understood) values ($1, 'q', 'create', 'dark', 'local', $2, $3)",
        [userId, JSON.stringify(nested), JSON.stringify(["x"])],
      );
      const raw = await database.query<{ variants: unknown; not_understood: unknown }>(
        "select variants, not_understood from assets where prompt = 'q'",
      );
      expect(raw).toEqual([{ variants: nested, not_understood: ["x"] }]);
      const viaDrizzle = await database.db
        .select({ variants: assets.variants, notUnderstood: assets.notUnderstood })
        .from(assets)
        .where(eq(assets.prompt, "q"));
      expect(viaDrizzle).toEqual([{ variants: nested, notUnderstood: ["x"] }]);
    } finally {
      await close();
    }
  });
});

/** What a listener was told, in order, and a way to await the next thing it is told. */
const recorder = () => {
  const events: string[] = [];
  let waiters: Array<() => void> = [];
  const push = (event: string) => {
    events.push(event);
    for (const wake of waiters) wake();
    waiters = [];
  };
  const next = (event: string, from = 0) =>
    within(
      (async () => {
        while (events.indexOf(event, from) === -1) await new Promise<void>((wake) => waiters.push(wake));
        return events.indexOf(event, from);
      })(),
      10_000,
      `the listener to be told ${event}`,
    );
  return {
    events,
    next,
    handlers: {
      onMessage: (payload: string) => push(`message ${payload}`),
      onLive: (live: boolean) => push(`live ${live}`),
    },
  };
};

describe.each(["postgres", "pglite"] as const)("listen on %s", (kind) => {
  it("hears NOTIFY payloads once it is live, and refuses a channel that is not an identifier", async () => {
    const { database, close } = await openMigratedTestDatabase(kind, "listen");
    const heard = recorder();
    const listener = database.listen("pp_test_channel", heard.handlers);
    try {
      await heard.next("live true");
      await database.query("select pg_notify('pp_test_channel', 'first'), pg_notify('pp_other', 'not ours')");
      await database.query("select pg_notify('pp_test_channel', 'second')");
      await heard.next("message second");
      expect(heard.events).toEqual(["live true", "message first", "message second"]);
      expect(() => database.listen("pp; drop table users", heard.handlers)).toThrow(/not a channel name/);
    } finally {
      await listener.close();
      await close();
    }
  });
});

describe("listen on postgres, when its connection breaks", () => {
  it("says it may have missed messages, reconnects, hears again, and stops for good on close", async () => {
    const { database, close } = await openMigratedTestDatabase("postgres", "relisten");
    const heard = recorder();
    const listener = database.listen("pp_test_channel", heard.handlers);
    const listeners = async () =>
      database.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and application_name = 'parametric-portal listener'",
      );
    try {
      await heard.next("live true");
      const [backend] = await listeners();
      await database.query("select pg_terminate_backend($1)", [backend?.pid]);
      const lost = await heard.next("live false");
      const back = await heard.next("live true", lost);
      await database.query("select pg_notify('pp_test_channel', 'after')");
      await heard.next("message after", back);
      expect(heard.events).toEqual(["live true", "live false", "live true", "message after"]);
    } finally {
      await listener.close();
    }
    try {
      expect(await listeners()).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("listen on postgres, when its path dies without a reset", () => {
  it("finds out by its heartbeat, says so, and listens again on a new connection", async () => {
    const { database, config, close } = await openMigratedTestDatabase("postgres", "silentlisten");
    const proxy = new TcpProxy(testServer.host, testServer.port);
    const port = await proxy.start();
    const throughProxy = await openDatabase({ ...config, port });
    const heard = recorder();
    const listener = throughProxy.listen("pp_test_channel", heard.handlers, { heartbeatMs: 300 });
    try {
      await heard.next("live true");
      // Nothing closes and nothing errs: only the heartbeat going unanswered tells. (On a busy
      // machine a slow heartbeat may already have cost a reconnect: counted from here on.)
      const silenced = heard.events.length;
      proxy.silent = true;
      const lost = await heard.next("live false", silenced);
      proxy.silent = false;
      const back = await heard.next("live true", lost);
      await database.query("select pg_notify('pp_test_channel', 'heard again')");
      await heard.next("message heard again", back);
      expect(heard.events.slice(silenced - 1, silenced + 2)).toEqual([
        "live true",
        "live false",
        "live true",
      ]);
    } finally {
      await listener.close();
      await throughProxy.close();
      await proxy.stop();
      await close();
    }
  });
});
