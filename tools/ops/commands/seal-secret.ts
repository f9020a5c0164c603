// `mise run seal-secret <secret-name> <namespace>`: seals manual §3.2's variables into a SealedSecret
// that the prod overlay applies (docs/operations.md §3.2).
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../lib/fs-atomic";
import { readSecretValues } from "../lib/seal-secret-env";
import { findOnPath, sealWithKubeseal } from "../lib/seal-secret-kubeseal";
import { buildSealedSecret, renderSealedSecret, sealNatively } from "../lib/seal-secret-manifest";
import { publicKeyFromCertificate } from "../lib/sealed-secrets-crypto";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const USAGE =
  "usage: mise run seal-secret <secret-name> <namespace> [--output <file>] [--cert <file>]\n" +
  "  values come from the environment (docs/operations.md §3.2), never from arguments.";

// Kubernetes object-name rules: Secret names are DNS-1123 subdomains, namespaces DNS-1123 labels.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const isSubdomain = (value: string) =>
  value.length <= 253 && value.split(".").every((part) => part.length <= 63 && DNS1123_LABEL.test(part));

const OVERLAY_BY_NAMESPACE: Record<string, string> = {
  "parametric-portal": "infrastructure/overlays/prod",
  "parametric-portal-dev": "infrastructure/overlays/dev",
};

function outputPath(
  name: string,
  namespace: string,
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  const explicit = flag ?? env.SEALED_SECRET_OUTPUT;
  if (explicit !== undefined && explicit !== "") return resolve(explicit);
  const overlay = OVERLAY_BY_NAMESPACE[namespace];
  if (overlay === undefined) {
    throw new Error(`no overlay is known for namespace ${namespace}; pass --output <file>.`);
  }
  // `api-secrets` -> sealed-api-secrets.yaml, the file the overlay's kustomization lists.
  return join(REPO_ROOT, overlay, `sealed-${name}.yaml`);
}

/** Temp file + rename in the same folder (fs-atomic), so a crash never leaves a truncated manifest for ArgoCD. */
function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, content, 0o644);
}

export async function sealSecret(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [name, namespace] = parsed.positionals;
  if (parsed.positionals.length !== 2 || name === undefined || namespace === undefined) {
    console.error(`expected exactly two arguments, got ${parsed.positionals.length}.\n${USAGE}`);
    return 2;
  }
  const badArgs: string[] = [];
  if (!isSubdomain(name))
    badArgs.push(`secret name "${name}" is not a DNS-1123 subdomain (a-z, 0-9, '-', '.').`);
  if (!DNS1123_LABEL.test(namespace) || namespace.length > 63) {
    badArgs.push(`namespace "${namespace}" is not a DNS-1123 label (a-z, 0-9, '-', at most 63 characters).`);
  }
  if (badArgs.length > 0) {
    console.error(`${badArgs.join("\n")}\n${USAGE}`);
    return 2;
  }

  const result = readSecretValues(env);
  if (!result.ok) {
    console.error(
      `Nothing was written. Fix these environment variables:\n  - ${result.problems.join("\n  - ")}`,
    );
    return 1;
  }

  try {
    const certPath = resolve(
      parsed.values.cert ?? (env.SEALED_SECRETS_CERT || `${env.PP_ROOT ?? ""}/opt/sealed-secrets-cert.pem`),
    );
    let pem: string;
    try {
      pem = readFileSync(certPath, "utf8");
    } catch {
      throw new Error(
        `cannot read the Sealed Secrets certificate ${certPath}. Run \`mise run setup-k3s\` on the server ` +
          "(it writes /opt/sealed-secrets-cert.pem) or point SEALED_SECRETS_CERT at a copy of it.",
      );
    }
    const publicKey = publicKeyFromCertificate(pem, certPath);
    const target = outputPath(name, namespace, parsed.values.output, env);
    const kubeseal = findOnPath("kubeseal", env.PATH);
    const encryptedData =
      kubeseal === undefined
        ? sealNatively(publicKey, name, namespace, result.values)
        : await sealWithKubeseal(kubeseal, certPath, name, namespace, result.values);
    writeAtomically(target, renderSealedSecret(buildSealedSecret(name, namespace, encryptedData)));
    console.error(
      `Sealed ${Object.keys(encryptedData).length} keys (${Object.keys(encryptedData).sort().join(", ")}) ` +
        `for ${namespace}/${name} with ${kubeseal ?? "node:crypto"}.\nWrote ${target}: commit it; ArgoCD applies it.`,
    );
    return 0;
  } catch (error) {
    console.error(`Nothing was written: ${(error as Error).message}`);
    return 1;
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { output: { type: "string" }, cert: { type: "string" } },
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await sealSecret(process.argv.slice(2), process.env);
}
