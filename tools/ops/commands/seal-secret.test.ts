import type { KeyObject } from "node:crypto";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SealedSecret } from "@kubernetes-models/sealed-secrets/bitnami.com/v1alpha1/SealedSecret";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { strictScopeLabel } from "../lib/sealed-secrets-crypto";
import { MISE, MISE_ENV } from "../test-kit/backup-test-kit";
import { hybridDecrypt, makeTestCertificate, run } from "../test-kit/seal-secret-test-kit";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const tasks = (
  parseToml(readFileSync(join(REPO_ROOT, "mise.toml"), "utf8")) as { tasks: Record<string, { run: string }> }
).tasks;

let dir: string;
let certPath: string;
let privateKey: KeyObject;

// Every value is random per run, so a match can only come from real decryption.
function secretEnv(): Record<string, string> {
  const token = () => `v-${randomBytes(12).toString("hex")}`;
  return {
    POSTGRES_USER: `user_${randomBytes(4).toString("hex")}`,
    POSTGRES_PASSWORD: token(),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    ANTHROPIC_API_KEY: `sk-ant-${token()}`,
    OAUTH_GITHUB_CLIENT_ID: token(),
    OAUTH_GITHUB_CLIENT_SECRET: token(),
    OAUTH_MICROSOFT_CLIENT_ID: token(),
    OAUTH_MICROSOFT_CLIENT_SECRET: token(),
    OAUTH_MICROSOFT_TENANT_ID: "common",
  };
}

/** The real `mise run seal-secret …`, with only the given environment (plus mise's own settings). */
function runTask(args: string[], env: Record<string, string>, pathPrefix?: string) {
  // Without the fake, no kubeseal may be reachable, so the native path is what runs.
  const basePath = (process.env.PATH ?? "")
    .split(":")
    .filter((entry) => !existsSync(join(entry, "kubeseal")))
    .join(":");
  if (!tasks["seal-secret"]) throw new Error("mise.toml has no [tasks.seal-secret]");
  return run(MISE, ["run", "seal-secret", ...args], {
    cwd: REPO_ROOT,
    env: {
      ...MISE_ENV,
      HOME: process.env.HOME,
      PATH: pathPrefix === undefined ? basePath : `${pathPrefix}:${basePath}`,
      SEALED_SECRETS_CERT: certPath,
      ...env,
    },
  });
}

function decryptFile(path: string, namespace: string, name: string): Record<string, string> {
  const manifest = parse(readFileSync(path, "utf8")) as { spec: { encryptedData: Record<string, string> } };
  return Object.fromEntries(
    Object.entries(manifest.spec.encryptedData).map(([key, value]) => [
      key,
      hybridDecrypt(privateKey, Buffer.from(value, "base64"), strictScopeLabel(namespace, name)).toString(
        "utf8",
      ),
    ]),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "seal-secret-"));
  const pair = await makeTestCertificate();
  privateKey = pair.privateKey;
  certPath = join(dir, "cert.pem");
  writeFileSync(certPath, pair.certPem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mise run seal-secret", () => {
  it("seals natively into a SealedSecret that decrypts to exactly the environment's values", async () => {
    const env = secretEnv();
    const output = join(dir, "native.yaml");
    const result = await runTask(["api-secrets", "parametric-portal", "--output", output], env);
    expect(result.stderr).toContain("node:crypto");
    expect(result.code).toBe(0);
    expect(decryptFile(output, "parametric-portal", "api-secrets")).toEqual(env);

    const manifest = parse(readFileSync(output, "utf8"));
    expect(() => new SealedSecret(manifest).validate()).not.toThrow();
    expect(manifest.metadata).toEqual({ name: "api-secrets", namespace: "parametric-portal" });
    expect(manifest.spec.template.metadata).toEqual({ name: "api-secrets", namespace: "parametric-portal" });
    // Strict scope: the same ciphertext must not open under another name.
    const value = Buffer.from(manifest.spec.encryptedData.POSTGRES_PASSWORD, "base64");
    expect(() => hybridDecrypt(privateKey, value, strictScopeLabel("parametric-portal", "other"))).toThrow();
    for (const secret of Object.values(env)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("uses kubeseal when installed, passing values only on stdin", async () => {
    const fakeBin = join(dir, "bin");
    const argvLog = join(dir, "kubeseal-argv.log");
    const fakeScript = join(REPO_ROOT, "tools/ops/test-kit/seal-secret-fake-kubeseal.ts");
    const tsx = join(REPO_ROOT, "node_modules/.bin/tsx");
    mkdirSync(fakeBin, { recursive: true });
    const kubeseal = join(fakeBin, "kubeseal");
    writeFileSync(
      kubeseal,
      `#!/bin/sh\nprintf '%s\\n' "$0 $*" >> '${argvLog}'\nexec '${tsx}' '${fakeScript}' "$@"\n`,
    );
    chmodSync(kubeseal, 0o755);

    const env = secretEnv();
    const output = join(dir, "kubeseal.yaml");
    const args = ["api-secrets", "parametric-portal", "--output", output];
    const result = await runTask(args, env, fakeBin);
    expect(result.stderr).toContain(kubeseal);
    expect(result.code).toBe(0);
    expect(decryptFile(output, "parametric-portal", "api-secrets")).toEqual(env);

    const argv = readFileSync(argvLog, "utf8");
    expect(argv).toContain(`--cert ${certPath}`);
    for (const secret of Object.values(env)) {
      expect(argv).not.toContain(secret);
      expect(args.join(" ")).not.toContain(secret);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });

  it.each([
    ["prod", "parametric-portal", "parametric-portal-dev"],
    ["dev", "parametric-portal-dev", "parametric-portal"],
  ])("writes the file the %s overlay builds into its own SealedSecret", async (overlay, namespace, other) => {
    const copy = join(dir, `repo-${overlay}`);
    cpSync(join(REPO_ROOT, "infrastructure"), join(copy, "infrastructure"), { recursive: true });
    // The path the task picks for this namespace (manual §3.2), inside the copy.
    const target = join(copy, `infrastructure/overlays/${overlay}/sealed-api-secrets.yaml`);
    const env = secretEnv();
    const sealed = await runTask(["api-secrets", namespace], { ...env, SEALED_SECRET_OUTPUT: target });
    expect(sealed.code).toBe(0);

    const built = await run("kubectl", ["kustomize", join(copy, `infrastructure/overlays/${overlay}`)], {
      cwd: copy,
      env: process.env,
    });
    expect(built.stderr).toBe("");
    const objects = parseAllDocuments(built.stdout).map((doc) => doc.toJS());
    const sealedSecrets = objects.filter((object) => object?.kind === "SealedSecret");
    expect(sealedSecrets.map((object) => `${object.metadata.namespace}/${object.metadata.name}`)).toEqual([
      `${namespace}/api-secrets`,
    ]);
    // The overlay still orders the regenerated file before the migrations (components/sync-waves).
    expect(sealedSecrets[0].metadata.annotations).toEqual({ "argocd.argoproj.io/sync-wave": "-1" });
    const builtFile = join(dir, `built-sealed-secret-${overlay}.yaml`);
    writeFileSync(builtFile, JSON.stringify(sealedSecrets[0]));
    expect(decryptFile(builtFile, namespace, "api-secrets")).toEqual(env);
    // Strict scope: the other environment's controller cannot open it.
    expect(() => decryptFile(builtFile, other, "api-secrets")).toThrow();
  });

  it("refuses with a list of every problem and writes nothing", async () => {
    const output = join(dir, "refused.yaml");
    const env = secretEnv();
    const { POSTGRES_PASSWORD: _dropped, OAUTH_GITHUB_CLIENT_SECRET: _half, ...partial } = env;
    const result = await runTask(["api-secrets", "parametric-portal", "--output", output], {
      ...partial,
      ENCRYPTION_KEY: randomBytes(16).toString("base64"),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("POSTGRES_PASSWORD is not set");
    expect(result.stderr).toContain("ENCRYPTION_KEY must be standard base64 of exactly 32 bytes");
    expect(result.stderr).toContain("GitHub OAuth is half configured");
    expect(existsSync(output)).toBe(false);
    for (const secret of Object.values(partial)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("validates its arguments and the certificate", async () => {
    const output = join(dir, "bad-args.yaml");
    const badName = await runTask(["API_Secrets", "parametric-portal", "--output", output], secretEnv());
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain("not a DNS-1123 subdomain");
    const extra = await runTask(["api-secrets", "parametric-portal", "leftover"], secretEnv());
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("expected exactly two arguments");
    const noCert = await runTask(["api-secrets", "parametric-portal", "--output", output], {
      ...secretEnv(),
      SEALED_SECRETS_CERT: join(dir, "missing.pem"),
    });
    expect(noCert.code).toBe(1);
    expect(noCert.stderr).toContain("cannot read the Sealed Secrets certificate");
    expect(existsSync(output)).toBe(false);
  });
});
