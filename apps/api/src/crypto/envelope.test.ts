import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, decrypt, deriveKey, ENVELOPE_VERSION, encrypt } from "./envelope";

describe("AES-256-GCM envelope", () => {
  const key = randomBytes(32);
  const owner = randomUUID();
  const secret = `sk-ant-${randomBytes(24).toString("hex")}`;

  it("round-trips and does not contain the clear text", () => {
    const sealed = encrypt(key, secret, owner);
    expect(sealed[0]).toBe(ENVELOPE_VERSION);
    expect(sealed.toString("latin1")).not.toContain(secret);
    expect(decrypt(key, sealed, owner)).toBe(secret);
    // A fresh IV each time: equal secrets give different ciphertexts.
    expect(encrypt(key, secret, owner).equals(sealed)).toBe(false);
  });

  it("fails closed with a clear error under a wrong key", () => {
    const sealed = encrypt(key, secret, owner);
    expect(() => decrypt(randomBytes(32), sealed, owner)).toThrow(DecryptionError);
    expect(() => decrypt(randomBytes(32), sealed, owner)).toThrow(/ENCRYPTION_KEY differs/);
  });

  it("refuses a ciphertext bound to another owner, tampered, truncated or of an unknown version", () => {
    const sealed = encrypt(key, secret, owner);
    expect(() => decrypt(key, sealed, randomUUID())).toThrow(DecryptionError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => decrypt(key, tampered, owner)).toThrow(DecryptionError);
    expect(() => decrypt(key, sealed.subarray(0, 10), owner)).toThrow(/truncated/);
    const future = Buffer.from(sealed);
    future[0] = 9;
    expect(() => decrypt(key, future, owner)).toThrow(/version 9/);
  });

  it("derives distinct sub-keys per purpose", () => {
    const a = deriveKey(key, "csrf v1");
    expect(a).toHaveLength(32);
    expect(a.equals(deriveKey(key, "csrf v1"))).toBe(true);
    expect(a.equals(deriveKey(key, "oauth-flow v1"))).toBe(false);
    expect(a.equals(key)).toBe(false);
  });
});
