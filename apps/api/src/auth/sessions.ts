import { createHash, randomBytes } from "node:crypto";
import type { Database } from "@parametric-portal/database/client";
import { sessions, users } from "@parametric-portal/database/schema";
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { CurrentUser } from "./current-user";
import type { SessionCache } from "./session-cache";
import { SESSION_ABSOLUTE_MS, SESSION_SLIDING_MS } from "./session-cookie";

/**
 * Server-side sessions. The cookie holds 256 random bits; only their SHA-256 is stored, so a
 * database leak yields no usable cookies. Expiry slides with use up to an absolute limit.
 */

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
// Writing last_active_at on every request would turn every read into a write.
const TOUCH_AFTER_MS = 60_000;

const hashToken = (token: string): Buffer => createHash("sha256").update(token, "utf8").digest();

export interface SessionMeta {
  readonly userAgent?: string | undefined;
  readonly ip?: string | undefined;
}

export const createSession = async (
  database: Database,
  userId: string,
  meta: SessionMeta,
): Promise<{ token: string; sessionId: string }> => {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const [row] = await database.db
    .insert(sessions)
    .values({
      userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(now + SESSION_SLIDING_MS),
      absoluteExpiresAt: new Date(now + SESSION_ABSOLUTE_MS),
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip ?? null,
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error("Creating the session returned no row.");
  return { token, sessionId: row.id };
};

/** The live session's user, or null for an unknown, expired or revoked token. */
const prepareSessionLookup = (db: Database["db"]) =>
  db
    .select({
      sessionId: sessions.id,
      lastActiveAt: sessions.lastActiveAt,
      expiresAt: sessions.expiresAt,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      id: users.id,
      email: users.email,
      name: users.name,
      avatarUrl: users.avatarUrl,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder("tokenHash")),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.absoluteExpiresAt, sql`now()`),
      ),
    )
    .limit(1)
    .prepare("session_lookup");

// Every authenticated request runs this lookup: one named statement per database, planned once
// per connection. The CSRF check needs only the session id it returns (csrf.ts), so the session
// and CSRF checks together cost this one round trip.
const sessionLookups = new WeakMap<Database["db"], ReturnType<typeof prepareSessionLookup>>();

/**
 * The signed-in user of a session token, or null. With a `cache` (session-cache.ts), a session
 * looked up in the last few seconds costs no round trip.
 */
export const findSessionUser = async (
  database: Database,
  token: string,
  cache?: SessionCache,
): Promise<CurrentUser | null> => {
  if (!TOKEN_FORMAT.test(token)) return null;
  const tokenHash = hashToken(token);
  const key = cache === undefined ? "" : tokenHash.toString("base64");
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  const since = cache?.begin() ?? 0;
  let lookup = sessionLookups.get(database.db);
  if (lookup === undefined) {
    lookup = prepareSessionLookup(database.db);
    sessionLookups.set(database.db, lookup);
  }
  const [row] = await lookup.execute({ tokenHash });
  if (!row) return null;
  if (Date.now() - row.lastActiveAt.getTime() > TOUCH_AFTER_MS) {
    await database.db
      .update(sessions)
      .set({
        lastActiveAt: sql`now()`,
        // Slides up to the absolute limit, on the database clock; Drizzle has no least() helper.
        expiresAt: sql`least(now() + ${`${SESSION_SLIDING_MS} milliseconds`}::interval, ${sessions.absoluteExpiresAt})`,
      })
      .where(eq(sessions.id, row.sessionId));
  }
  const user = {
    id: row.id,
    email: row.email,
    name: row.name,
    avatarUrl: row.avatarUrl,
    sessionId: row.sessionId,
  };
  // The expiry read before a touch: the entry may end a little early, never late.
  cache?.set(key, user, Math.min(row.expiresAt.getTime(), row.absoluteExpiresAt.getTime()), since);
  return user;
};

// Each revocation also evicts from this replica's cache at once: the database's notification
// (migration 0009) tells every replica, this one included, but may arrive after the response.
export const revokeSession = async (
  database: Database,
  sessionId: string,
  cache?: SessionCache,
): Promise<void> => {
  await database.db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  cache?.evictSession(sessionId);
};

/** "Sign out everywhere": revokes every live session of the user; returns how many were live. */
export const revokeAllSessions = async (
  database: Database,
  userId: string,
  cache?: SessionCache,
): Promise<number> => {
  const rows = await database.db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  cache?.evictUser(userId);
  return rows.length;
};

/** Revokes whatever session a presented token belongs to (rotation on sign-in, logout). */
export const revokeSessionByToken = async (
  database: Database,
  token: string,
  cache?: SessionCache,
): Promise<void> => {
  if (!TOKEN_FORMAT.test(token)) return;
  const tokenHash = hashToken(token);
  await database.db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
  cache?.evictKey(tokenHash.toString("base64"));
};

/** Deletes sessions that can never be used again; returns how many went. */
export const deleteDeadSessions = async (database: Database, userId?: string): Promise<number> => {
  const dead = or(
    lt(sessions.expiresAt, sql`now()`),
    lt(sessions.absoluteExpiresAt, sql`now()`),
    isNotNull(sessions.revokedAt),
  );
  const rows = await database.db
    .delete(sessions)
    .where(userId === undefined ? dead : and(eq(sessions.userId, userId), dead))
    .returning({ id: sessions.id });
  return rows.length;
};
