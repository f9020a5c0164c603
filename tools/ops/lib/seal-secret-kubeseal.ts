import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { parse } from "yaml";
import type { SecretValues } from "./seal-secret-env";

export function findOnPath(command: string, pathVariable: string | undefined): string | undefined {
  for (const dir of (pathVariable ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

/**
 * Seals with the upstream CLI. The Secret travels on stdin, so no value reaches kubeseal's argv;
 * only the certificate path and format flags do.
 */
export async function sealWithKubeseal(
  binary: string,
  certPath: string,
  name: string,
  namespace: string,
  values: SecretValues,
): Promise<Record<string, string>> {
  const data = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, Buffer.from(value, "utf8").toString("base64")]),
  );
  const secret = { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, type: "Opaque", data };
  const child = spawn(binary, ["--cert", certPath, "--scope", "strict", "--format", "yaml"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(JSON.stringify(secret));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) {
    throw new Error(`kubeseal (${binary}) exited with ${code}: ${Buffer.concat(stderr).toString().trim()}`);
  }
  const output: unknown = parse(Buffer.concat(stdout).toString("utf8"));
  const encryptedData = (output as { spec?: { encryptedData?: unknown } } | null)?.spec?.encryptedData;
  if (typeof encryptedData !== "object" || encryptedData === null) {
    throw new Error(`kubeseal (${binary}) did not print a SealedSecret with spec.encryptedData.`);
  }
  const sealed = encryptedData as Record<string, unknown>;
  const keys = Object.keys(values);
  if (keys.some((key) => typeof sealed[key] !== "string") || Object.keys(sealed).length !== keys.length) {
    throw new Error(`kubeseal (${binary}) returned a different key set than was sealed.`);
  }
  return sealed as Record<string, string>;
}
