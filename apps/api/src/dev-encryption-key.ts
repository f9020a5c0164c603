import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Outside production, with no ENCRYPTION_KEY set, a random key is kept in the data folder so
 * API keys stored in the embedded database stay readable across restarts.
 */
export const loadOrCreateDevEncryptionKey = async (dataDir: string): Promise<Buffer> => {
  const file = path.join(dataDir, "dev-encryption.key");
  try {
    const key = Buffer.from((await readFile(file, "utf8")).trim(), "base64");
    if (key.length === 32) return key;
    throw new Error(`${file} does not hold a base64 32-byte key; delete it to have a new one made.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = randomBytes(32);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return key;
};
