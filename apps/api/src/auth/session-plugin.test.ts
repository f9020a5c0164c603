import cookie from "@fastify/cookie";
import type { Database } from "@parametric-portal/database/client";
import { sessions } from "@parametric-portal/database/schema";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { eq } from "drizzle-orm";
import Fastify from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../config";
import { registerErrorHandling } from "../http/errors";
import { authPlugin } from "./plugin";
import { deleteDeadSessions } from "./sessions";

let database: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ database, close } = await openMigratedTestDatabase("postgres", "sessplugin"));
});
afterAll(async () => close?.());

it("sets request.user for sibling plugins registered after it in the /api scope", async () => {
  const app = Fastify();
  app.decorateRequest("user", null);
  registerErrorHandling(app);
  await app.register(cookie);
  await app.register(
    async (api) => {
      await api.register(authPlugin, { config: loadConfig({ NODE_ENV: "test" }), database });
      await api.register(async (icons) => {
        icons.get("/whoami", async (request) => ({ userId: request.user?.id ?? null }));
      });
    },
    { prefix: "/api" },
  );
  const anonymous = await app.inject({ method: "GET", url: "/api/whoami" });
  expect(anonymous.json()).toEqual({ userId: null });
  const signedIn = await app.inject({ method: "POST", url: "/api/auth/dev/sign-in", payload: {} });
  const token = signedIn.cookies[0]?.value;
  const whoami = await app.inject({
    method: "GET",
    url: "/api/whoami",
    headers: { cookie: `pp_session=${token}` },
  });
  expect(whoami.json()).toEqual({ userId: signedIn.json().user.id });
  await app.close();
});

it("deletes expired and revoked sessions but keeps live ones", async () => {
  const [user] = await database.query<{ id: string }>(
    "insert into users (email) values ('sweep@example.test') returning id",
  );
  const values = (hash: number, expires: string, revoked: string | null) =>
    database.query(
      `insert into sessions (user_id, token_hash, expires_at, absolute_expires_at, revoked_at)
       values ($1, $2, now() + $3::interval, now() + interval '30 days', ${revoked ?? "null"})`,
      [user!.id, Buffer.alloc(32, hash), expires],
    );
  await values(1, "1 day", null);
  await values(2, "-1 day", null);
  await values(3, "1 day", "now()");
  expect(await deleteDeadSessions(database)).toBe(2);
  const left = await database.db.select().from(sessions).where(eq(sessions.userId, user!.id));
  expect(left.map((s) => s.tokenHash[0])).toEqual([1]);
});
