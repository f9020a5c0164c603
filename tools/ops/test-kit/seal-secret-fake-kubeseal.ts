// Stand-in for the kubeseal CLI in tests (no kubeseal binary exists on CI). It speaks kubeseal's
// interface: a Secret (JSON or YAML) on stdin, `--cert <file> --scope strict --format yaml`,
// a SealedSecret on stdout.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse, stringify } from "yaml";
import { hybridEncrypt, publicKeyFromCertificate, strictScopeLabel } from "../lib/sealed-secrets-crypto";

const { values } = parseArgs({
  options: { cert: { type: "string" }, scope: { type: "string" }, format: { type: "string" } },
});
if (values.cert === undefined || values.scope !== "strict" || values.format !== "yaml") {
  console.error("fake kubeseal: expected --cert <file> --scope strict --format yaml");
  process.exit(1);
}
const secret = parse(readFileSync(0, "utf8")) as {
  metadata: { name: string; namespace: string };
  data: Record<string, string>;
};
const key = publicKeyFromCertificate(readFileSync(values.cert, "utf8"), values.cert);
const label = strictScopeLabel(secret.metadata.namespace, secret.metadata.name);
const encryptedData = Object.fromEntries(
  Object.entries(secret.data).map(([k, v]) => [
    k,
    hybridEncrypt(key, Buffer.from(v, "base64"), label).toString("base64"),
  ]),
);
process.stdout.write(
  stringify({
    apiVersion: "bitnami.com/v1alpha1",
    kind: "SealedSecret",
    metadata: { name: secret.metadata.name, namespace: secret.metadata.namespace, creationTimestamp: null },
    spec: { encryptedData, template: { metadata: secret.metadata } },
  }),
);
