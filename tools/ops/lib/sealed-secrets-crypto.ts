import type { KeyObject } from "node:crypto";
import { constants, createCipheriv, publicEncrypt, randomBytes, X509Certificate } from "node:crypto";

// Mirrors bitnami-labs/sealed-secrets pkg/crypto HybridEncrypt, which the controller's HybridDecrypt reverses:
// output = uint16be(len(rsaCiphertext)) || RSA-OAEP(SHA-256, sessionKey, label) || AES-256-GCM(ciphertext || tag).
const SESSION_KEY_BYTES = 32;
// GCM's standard nonce size; all zeros is safe because every session key encrypts exactly one value.
const ZERO_NONCE = Buffer.alloc(12);

/** Strict scope (the controller's default): a value only decrypts into this exact namespace/name. */
export function strictScopeLabel(namespace: string, name: string): Buffer {
  return Buffer.from(`${namespace}/${name}`, "utf8");
}

export function hybridEncrypt(publicKey: KeyObject, plaintext: Buffer, label: Buffer): Buffer {
  const sessionKey = randomBytes(SESSION_KEY_BYTES);
  const rsaCiphertext = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256", oaepLabel: label },
    sessionKey,
  );
  const cipher = createCipheriv("aes-256-gcm", sessionKey, ZERO_NONCE);
  const aesCiphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(rsaCiphertext.length);
  return Buffer.concat([length, rsaCiphertext, aesCiphertext]);
}

/** Reads the controller's public certificate (kubeseal --fetch-cert output) and returns its RSA key. */
export function publicKeyFromCertificate(pem: string, source: string): KeyObject {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw new Error(
      `${source} is not a PEM X.509 certificate. Fetch it from the cluster with ` +
        "`kubeseal --fetch-cert > /opt/sealed-secrets-cert.pem` (setup-k3s does this).",
    );
  }
  const key = certificate.publicKey;
  if (key.asymmetricKeyType !== "rsa") {
    throw new Error(`${source} holds a ${key.asymmetricKeyType ?? "non-RSA"} key; Sealed Secrets needs RSA.`);
  }
  if (Date.parse(certificate.validTo) < Date.now()) {
    // The controller keeps old keys, but sealing new values with an expired cert means the operator
    // fetched a stale file; the fix is to fetch the current one.
    throw new Error(
      `${source} expired on ${certificate.validTo}; fetch the current one with kubeseal --fetch-cert.`,
    );
  }
  return key;
}
