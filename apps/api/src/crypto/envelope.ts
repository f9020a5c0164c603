import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * AES-256-GCM envelopes for secrets at rest: `version (1 byte) | IV (12) | tag (16) | ciphertext`.
 * The version byte names the key generation so keys can be rotated; the caller's AAD (for API
 * keys: the owner's user id) binds a ciphertext to its row, so it cannot be moved elsewhere.
 */

export const ENVELOPE_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Decryption failed: wrong ENCRYPTION_KEY, a ciphertext moved to another row, or tampering. */
export class DecryptionError extends Error {
  override readonly name = "DecryptionError";
}

const assertKey = (key: Buffer): void => {
  if (key.length !== 32) throw new Error("The encryption key must be exactly 32 bytes.");
};

export const encrypt = (key: Buffer, plaintext: string, aad: string): Buffer => {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([ENVELOPE_VERSION]), iv, cipher.getAuthTag(), body]);
};

export const decrypt = (key: Buffer, envelope: Buffer, aad: string): string => {
  assertKey(key);
  if (envelope.length < HEADER_BYTES) throw new DecryptionError("The stored ciphertext is truncated.");
  const version = envelope[0];
  if (version !== ENVELOPE_VERSION) {
    throw new DecryptionError(`The stored ciphertext has unknown format version ${version}.`);
  }
  const iv = envelope.subarray(1, 1 + IV_BYTES);
  const tag = envelope.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(envelope.subarray(HEADER_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    // GCM authentication failed: never hand back unauthenticated bytes.
    throw new DecryptionError(
      "The stored secret cannot be decrypted: ENCRYPTION_KEY differs from the one it was saved with, or the row was altered.",
    );
  }
};

/** Independent sub-keys per purpose, so the CSRF secret never equals the data key. */
export const deriveKey = (master: Buffer, purpose: string): Buffer =>
  Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `parametric-portal ${purpose}`, 32));
