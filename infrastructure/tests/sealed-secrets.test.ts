import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildOverlay,
  infrastructureDir,
  type KubeObject,
  parseManifests,
  workloads,
} from "../policies/manifests";

// Sealed Secrets are strict-scoped: a file sealed for one namespace never opens in another, so every
// overlay needs its own `mise run seal-secret api-secrets <namespace>` output (manual §3.2).
const overlays = { prod: "parametric-portal", dev: "parametric-portal-dev" } as const;

/** Secrets the workloads read that no SealedSecret of this build provides, and misplaced SealedSecrets. */
function secretViolations(objects: readonly KubeObject[], namespace: string): string[] {
  const problems: string[] = [];
  const sealed = objects.filter((o) => o.kind === "SealedSecret");
  for (const secret of sealed) {
    if (secret.metadata.namespace !== namespace) {
      problems.push(
        `SealedSecret ${secret.metadata.name} is in ${secret.metadata.namespace}, not ${namespace}`,
      );
    }
    const scope = Object.keys(secret.metadata.annotations ?? {}).filter((key) =>
      key.startsWith("sealedsecrets.bitnami.com/"),
    );
    if (scope.length > 0)
      problems.push(`SealedSecret ${secret.metadata.name} widens its scope: ${scope.join(", ")}`);
  }
  const provided = new Set(sealed.map((s) => s.metadata.name));
  for (const { object, spec } of workloads(objects)) {
    for (const container of spec.containers) {
      const names = [
        ...(container.envFrom ?? []).map((from) => from.secretRef?.name),
        ...(container.env ?? []).map((variable) => variable.valueFrom?.secretKeyRef?.name),
      ];
      for (const name of new Set(names)) {
        if (name && !provided.has(name))
          problems.push(
            `${object.kind} ${object.metadata.name} reads Secret ${name}, which no SealedSecret provides`,
          );
      }
    }
  }
  return problems;
}

describe.each(Object.entries(overlays))("overlay %s", (overlay, namespace) => {
  it("builds with its own api-secrets SealedSecret, in its own namespace, from its own file", () => {
    const objects = buildOverlay(overlay);
    expect(secretViolations(objects, namespace)).toEqual([]);
    expect(
      objects
        .filter((o) => o.kind === "SealedSecret")
        .map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
    ).toEqual([`${namespace}/api-secrets`]);
    // The file `mise run seal-secret api-secrets <namespace>` overwrites is the one the overlay lists.
    const dir = join(infrastructureDir, "overlays", overlay);
    expect(readFileSync(join(dir, "kustomization.yaml"), "utf8")).toMatch(
      /^ {2}- sealed-api-secrets\.yaml$/m,
    );
    const path = join(dir, "sealed-api-secrets.yaml");
    const [file] = parseManifests(readFileSync(path, "utf8"), path);
    expect(file?.metadata).toMatchObject({ name: "api-secrets", namespace });
  });
});

describe("secret checks can fail", () => {
  const scratch = mkdtempSync(join(tmpdir(), "pp-sealed-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("flag a dev overlay without its own SealedSecret", () => {
    for (const dir of ["base", "apps", "components", "overlays"]) {
      cpSync(join(infrastructureDir, dir), join(scratch, dir), { recursive: true });
    }
    const file = join(scratch, "overlays/dev/kustomization.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("  - sealed-api-secrets.yaml\n", ""));
    const problems = secretViolations(buildOverlay(join(scratch, "overlays/dev")), "parametric-portal-dev");
    expect(problems).toContain("Deployment api reads Secret api-secrets, which no SealedSecret provides");
    expect(problems).toContain("Job api-migrate reads Secret api-secrets, which no SealedSecret provides");
  });

  it("flag prod's SealedSecret reused in dev", () => {
    const prodSecret = buildOverlay("prod").filter((o) => o.kind === "SealedSecret");
    const objects = [...buildOverlay("dev").filter((o) => o.kind !== "SealedSecret"), ...prodSecret];
    expect(secretViolations(objects, "parametric-portal-dev")).toEqual([
      "SealedSecret api-secrets is in parametric-portal, not parametric-portal-dev",
    ]);
  });
});
