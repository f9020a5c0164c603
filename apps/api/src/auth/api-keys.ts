import type { Database } from "@parametric-portal/database/client";
import { apiKeys } from "@parametric-portal/database/schema";
import { and, desc, eq, sql } from "drizzle-orm";
import { DecryptionError, decrypt, encrypt } from "../crypto/envelope";
import { ApiError } from "../http/errors";

/**
 * Users' own provider keys, encrypted at rest. The owner's id is the AAD, so a ciphertext copied
 * into another user's row does not decrypt. Every query is scoped by user id: another user's key
 * is indistinguishable from a missing one.
 */

/** Which ENCRYPTION_KEY generation wrote a row; bump when rotating and re-encrypt older rows. */
export const CURRENT_KEY_VERSION = 1;

export interface ApiKeySummary {
  readonly id: string;
  readonly provider: "anthropic";
  readonly name: string;
  readonly hint: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

const summaryColumns = {
  id: apiKeys.id,
  provider: apiKeys.provider,
  name: apiKeys.name,
  hint: apiKeys.hint,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

const toSummary = (
  row: Pick<typeof apiKeys.$inferSelect, "id" | "provider" | "name" | "hint" | "createdAt" | "lastUsedAt">,
): ApiKeySummary => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

/** Enough to recognise a key, far too little to use it: "sk-ant-…abcd". */
export const maskKey = (key: string): string => {
  const prefix = key.startsWith("sk-ant-") ? "sk-ant-" : "";
  return `${prefix}…${key.slice(-4)}`;
};

export const encryptionKeyRequired = (encryptionKey: Buffer | undefined): Buffer => {
  if (encryptionKey === undefined) {
    throw new ApiError(
      "ENCRYPTION_NOT_CONFIGURED",
      "Saving API keys needs ENCRYPTION_KEY on the server (base64 of 32 random bytes).",
    );
  }
  return encryptionKey;
};

export const listApiKeys = async (db: Database, userId: string): Promise<ApiKeySummary[]> => {
  const rows = await db.db
    .select(summaryColumns)
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toSummary);
};

/** Returns null when the user already has a key with this name. */
export const createApiKey = async (
  db: Database,
  encryptionKey: Buffer,
  userId: string,
  input: { provider: "anthropic"; name: string; key: string },
): Promise<ApiKeySummary | null> => {
  const [row] = await db.db
    .insert(apiKeys)
    .values({
      userId,
      provider: input.provider,
      name: input.name,
      ciphertext: encrypt(encryptionKey, input.key, userId),
      keyVersion: CURRENT_KEY_VERSION,
      hint: maskKey(input.key),
    })
    .onConflictDoNothing()
    .returning(summaryColumns);
  return row ? toSummary(row) : null;
};

/**
 * Which Anthropic key a Claude generation would use, in the generation plan's order (the user's
 * own first, then the server's), without decrypting anything.
 */
export const anthropicKeySource = async (
  db: Database,
  serverKey: string | undefined,
  userId: string,
): Promise<"user" | "server" | null> => {
  const [row] = await db.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), eq(apiKeys.provider, "anthropic")))
    .limit(1);
  if (row) return "user";
  return serverKey !== undefined ? "server" : null;
};

/** True when the user's key existed and is gone. */
export const deleteApiKey = async (db: Database, userId: string, id: string): Promise<boolean> => {
  const rows = await db.db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
};

/**
 * The user's newest Anthropic key in clear, for one provider call; marks it used. Null when the
 * user saved none. Throws 500 API_KEY_UNREADABLE (never garbage) when it cannot be decrypted.
 */
export const resolveUserAnthropicKey = async (
  db: Database,
  encryptionKey: Buffer | undefined,
  userId: string,
): Promise<{ id: string; key: string } | null> => {
  const d = db.db;
  const [row] = await d
    .select({ id: apiKeys.id, ciphertext: apiKeys.ciphertext, keyVersion: apiKeys.keyVersion })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), eq(apiKeys.provider, "anthropic")))
    .orderBy(desc(apiKeys.createdAt))
    .limit(1);
  if (!row) return null;
  const unreadable = (why: string) =>
    new ApiError(
      "API_KEY_UNREADABLE",
      `Your saved API key cannot be used: ${why} Delete it and add it again, or ask the operator to restore the previous ENCRYPTION_KEY.`,
    );
  if (row.keyVersion !== CURRENT_KEY_VERSION) {
    throw unreadable(`it was saved under encryption key version ${row.keyVersion}.`);
  }
  let key: string;
  try {
    key = decrypt(encryptionKeyRequired(encryptionKey), row.ciphertext, userId);
  } catch (error) {
    if (error instanceof DecryptionError) throw unreadable(error.message);
    throw error;
  }
  await d.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.id));
  return { id: row.id, key };
};
