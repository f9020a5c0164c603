// Test-only helpers: a reimplementation of the controller's HybridDecrypt (to prove the controller
// could open what we wrote) and a throwaway RSA key pair + self-signed certificate.
import { spawn } from "node:child_process";
import type { KeyObject } from "node:crypto";
import { constants, createDecipheriv, createPrivateKey, privateDecrypt } from "node:crypto";
import { generate } from "selfsigned";
import { CHILD_DEADLINE_MS, killAfter } from "./deadline";

/** Reverses sealed-secrets pkg/crypto HybridEncrypt, exactly like the controller does. */
export function hybridDecrypt(privateKey: KeyObject, ciphertext: Buffer, label: Buffer): Buffer {
  if (ciphertext.length < 2) throw new Error("SealedSecret data is too short");
  const rsaLength = ciphertext.readUInt16BE(0);
  if (ciphertext.length < rsaLength + 2) throw new Error("SealedSecret data is too short");
  const sessionKey = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256", oaepLabel: label },
    ciphertext.subarray(2, rsaLength + 2),
  );
  const sealed = ciphertext.subarray(rsaLength + 2);
  const decipher = createDecipheriv("aes-256-gcm", sessionKey, Buffer.alloc(12));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

export async function makeTestCertificate(): Promise<{ certPem: string; privateKey: KeyObject }> {
  const pems = await generate([{ name: "commonName", value: "sealed-secret" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  return { certPem: pems.cert, privateKey: createPrivateKey(pems.private) };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<RunResult>((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    killAfter(child, CHILD_DEADLINE_MS, `${command} ${args.join(" ")}`, (error) =>
      reject(new Error(`${error.message}\nstderr so far:\n${stderr}`)),
    );
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}
