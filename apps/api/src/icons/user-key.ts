import type { Database } from "@parametric-portal/database/client";
import { resolveUserAnthropicKey } from "../auth/api-keys";
import type { Config } from "../config";

/** The caller's own stored Anthropic key (decrypted, marked used), or null when they saved none. */
export const userKeyResolver =
  (config: Config, database: Database) =>
  async (userId: string): Promise<string | null> =>
    (await resolveUserAnthropicKey(database, config.encryptionKey, userId))?.key ?? null;
