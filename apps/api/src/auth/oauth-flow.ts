import { createHash } from "node:crypto";
import type { Database } from "@parametric-portal/database/client";
import { oauthFlows } from "@parametric-portal/database/schema";
import { and, eq, lt, sql } from "drizzle-orm";
import { generateRandomCodeVerifier, generateRandomNonce, generateRandomState } from "oauth4webapi";
import type { OAuthProvider } from "../config";
import { decrypt, encrypt } from "../crypto/envelope";

/**
 * One sign-in attempt. state, PKCE verifier and nonce travel in an encrypted, HttpOnly cookie
 * (bound to this browser, unreadable and unforgeable by others); the state's hash is also stored
 * so it can be redeemed once only, and only for FLOW_TTL_MS.
 */

export const FLOW_COOKIE = "pp_oauth";
export const FLOW_COOKIE_PATH = "/api/auth/oauth";
export const FLOW_TTL_MS = 10 * 60 * 1000;
const AAD = "oauth-flow v1";

export interface Flow {
  readonly provider: OAuthProvider;
  readonly state: string;
  readonly verifier: string;
  readonly nonce: string;
  readonly expiresAt: number;
}

/** Why a callback cannot continue; sent to the web app as `?authError=`. */
export type FlowFailure = "state_missing" | "state_invalid" | "state_expired";

const hashState = (state: string): Buffer => createHash("sha256").update(state, "utf8").digest();

export const deleteExpiredFlows = async (database: Database): Promise<void> => {
  await database.db.delete(oauthFlows).where(lt(oauthFlows.expiresAt, sql`now()`));
};

export const startFlow = async (
  database: Database,
  flowKey: Buffer,
  provider: OAuthProvider,
): Promise<{ flow: Flow; cookie: string }> => {
  const flow: Flow = {
    provider,
    state: generateRandomState(),
    verifier: generateRandomCodeVerifier(),
    nonce: generateRandomNonce(),
    expiresAt: Date.now() + FLOW_TTL_MS,
  };
  await deleteExpiredFlows(database);
  await database.db
    .insert(oauthFlows)
    .values({ stateHash: hashState(flow.state), provider, expiresAt: new Date(flow.expiresAt) });
  return { flow, cookie: encrypt(flowKey, JSON.stringify(flow), AAD).toString("base64url") };
};

const readCookie = (flowKey: Buffer, cookie: string): Flow | null => {
  try {
    return JSON.parse(decrypt(flowKey, Buffer.from(cookie, "base64url"), AAD)) as Flow;
  } catch {
    return null;
  }
};

/**
 * Checks the callback's state against this browser's cookie and redeems it. Any mismatch fails;
 * a redeemed state is gone, so a replayed callback fails too.
 */
export const redeemFlow = async (
  database: Database,
  flowKey: Buffer,
  provider: OAuthProvider,
  cookie: string | undefined,
  state: string | undefined,
): Promise<Flow | FlowFailure> => {
  if (!cookie) return "state_missing";
  const flow = readCookie(flowKey, cookie);
  if (!flow || flow.provider !== provider || state === undefined || flow.state !== state) {
    return "state_invalid";
  }
  const [row] = await database.db
    .delete(oauthFlows)
    .where(and(eq(oauthFlows.stateHash, hashState(flow.state)), eq(oauthFlows.provider, provider)))
    // The database clock decides expiry, as it does for every other expiry check.
    .returning({ live: sql<boolean>`${oauthFlows.expiresAt} > now()` });
  if (!row) return "state_invalid";
  if (!row.live || flow.expiresAt < Date.now()) return "state_expired";
  return flow;
};
