import { randomBytes } from "node:crypto";
import type { Database } from "@parametric-portal/database/client";
import { type ApiProcess, startApiProcess } from "@parametric-portal/test-support/api-process";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Two API replicas on one database, each keeping the sessions it looked up for ten minutes: a
 * sign-out, a revocation or a profile change made anywhere still reaches the other replica at
 * once, through PostgreSQL notifications, and a replica that cannot hear them stops trusting
 * what it kept.
 */
let close: () => Promise<void>;
let database: Database;
let replicas: ApiProcess[] = [];

beforeAll(async () => {
  const created = await openMigratedTestDatabase("postgres", "sesscache");
  close = created.close;
  database = created.database;
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "warn",
    SESSION_CACHE_SECONDS: "600",
  };
  replicas = await Promise.all([startApiProcess(created.config, env), startApiProcess(created.config, env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await close?.();
});

const signIn = async (replica: ApiProcess, email: string) => {
  const response = await fetch(`${replica.url}/api/auth/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken, user } = (await response.json()) as { csrfToken: string; user: { id: string } };
  return { cookie, csrfToken, userId: user.id };
};

/** Who `replica` says the cookie signs in: a user, or null (401 UNAUTHENTICATED). */
const me = async (replica: ApiProcess, cookie: string) => {
  const response = await fetch(`${replica.url}/api/auth/me`, { headers: { cookie } });
  const body = (await response.json()) as { user?: { id: string; name: string | null }; code?: string };
  if (response.status === 401 && body.code === "UNAUTHENTICATED") return { user: null };
  expect(response.status).toBe(200);
  return { user: body.user ?? null };
};

/** Asks `replica` until `done` holds: a notification is asynchronous, so it gets a short deadline. */
const eventually = async (
  replica: ApiProcess,
  cookie: string,
  done: (answer: Awaited<ReturnType<typeof me>>) => boolean,
  what: string,
) => {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const answer = await me(replica, cookie);
    if (done(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`Within 5 s, ${what}; last answer ${JSON.stringify(answer)}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const withoutNotifications = async <T>(fn: () => Promise<T>): Promise<T> => {
  await database.exec("alter table sessions disable trigger sessions_notify_revoked");
  try {
    return await fn();
  } finally {
    await database.exec("alter table sessions enable trigger sessions_notify_revoked");
  }
};

describe("the session cache across replicas", () => {
  it("keeps a looked-up session: without the notification, a revocation would go unseen", async () => {
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    const session = await signIn(a, "cached@example.test");
    expect((await me(b, session.cookie)).user?.id).toBe(session.userId);
    await withoutNotifications(async () => {
      await database.query("update sessions set revoked_at = now() where user_id = $1", [session.userId]);
      // B answers from what it kept; A, which never looked this session up, asks the database.
      expect((await me(b, session.cookie)).user?.id).toBe(session.userId);
      expect((await me(a, session.cookie)).user).toBeNull();
    });
  });

  it("a sign-out on one replica ends the session on the other", async () => {
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    const session = await signIn(a, "signout@example.test");
    expect((await me(b, session.cookie)).user?.id).toBe(session.userId);
    expect((await me(a, session.cookie)).user?.id).toBe(session.userId);
    const out = await fetch(`${a.url}/api/auth/logout`, {
      method: "POST",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
    });
    expect(out.status).toBe(204);
    // On the replica that signed out, at once; on the other, as soon as the notification lands.
    expect((await me(a, session.cookie)).user).toBeNull();
    await eventually(
      b,
      session.cookie,
      (answer) => answer.user === null,
      "replica B did not drop the session",
    );
  });

  it("an operator's revocation in SQL and a profile change reach a replica that kept the session", async () => {
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    const session = await signIn(a, "operator@example.test");
    expect((await me(b, session.cookie)).user?.name).toBeNull();
    await database.query("update users set name = 'Renamed' where id = $1", [session.userId]);
    await eventually(b, session.cookie, (answer) => answer.user?.name === "Renamed", "B kept the old name");
    await database.query("update sessions set revoked_at = now() where user_id = $1", [session.userId]);
    await eventually(b, session.cookie, (answer) => answer.user === null, "B kept the revoked session");
  });

  it("a truncate of the sessions table reaches a replica that kept a session", async () => {
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    const session = await signIn(a, "truncated@example.test");
    expect((await me(b, session.cookie)).user?.id).toBe(session.userId);
    await database.exec("truncate sessions");
    await eventually(b, session.cookie, (answer) => answer.user === null, "B kept a truncated session");
  });

  it("a replica whose notification connection broke stops serving what it kept", async () => {
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    const session = await signIn(a, "unheard@example.test");
    expect((await me(b, session.cookie)).user?.id).toBe(session.userId);
    await withoutNotifications(async () => {
      await database.query("update sessions set revoked_at = now() where user_id = $1", [session.userId]);
      expect((await me(b, session.cookie)).user?.id).toBe(session.userId);
      await database.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'parametric-portal listener'",
      );
      await eventually(b, session.cookie, (answer) => answer.user === null, "B still trusted its cache");
    });
  });
});
