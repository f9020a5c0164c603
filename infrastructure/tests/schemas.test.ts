import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { unknownFields } from "../policies/manifest-fields";
import { validateManifest, validateManifests } from "../policies/manifest-schemas";
import { buildOverlay, infrastructureDir, parseManifests } from "../policies/manifests";

describe.each(["prod", "dev"])("overlay %s", (overlay) => {
  const objects = buildOverlay(overlay);

  it("builds with kubectl kustomize into the expected kinds", () => {
    const kinds = new Set(objects.map((object) => object.kind));
    for (const kind of [
      "Namespace",
      "Deployment",
      "StatefulSet",
      "Job",
      "Service",
      "IngressRoute",
      "Middleware",
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(kinds).toContain("SealedSecret");
    expect(kinds).toContain("NetworkPolicy");
  });

  it("validates every object against the Kubernetes 1.32 and CRD schemas", () => {
    expect(validateManifests(objects)).toEqual([]);
  });

  // Loading the models' type declarations takes a few seconds, hence the longer timeout.
  it("uses no field the schemas do not define (strict field validation)", { timeout: 120_000 }, () => {
    const unknown = objects.flatMap((o) =>
      unknownFields(o).map((path) => `${o.kind} ${o.metadata.name}: ${path}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe("argocd/application.yaml", () => {
  it("validates against the Argo CD ApplicationSet schema", { timeout: 120_000 }, () => {
    const path = resolve(infrastructureDir, "argocd/application.yaml");
    const objects = parseManifests(readFileSync(path, "utf8"), path);
    expect(objects.map((object) => object.kind)).toEqual(["ApplicationSet"]);
    expect(validateManifests(objects)).toEqual([]);
    expect(objects.flatMap(unknownFields)).toEqual([]);
  });
});

describe("validateManifest", () => {
  const hpa = buildOverlay("prod").find((object) => object.metadata.name === "api-hpa");

  it("reports a wrongly typed field", () => {
    if (!hpa) throw new Error("api-hpa missing");
    const broken = { ...hpa, spec: { ...(hpa.spec as object), minReplicas: "two" } };
    expect(validateManifest(broken).join()).toMatch(/minReplicas must be integer/);
  });

  it("reports a missing required field of a CRD", () => {
    const route = {
      apiVersion: "traefik.io/v1alpha1",
      kind: "IngressRoute",
      metadata: { name: "x" },
      spec: {},
    };
    expect(validateManifest(route).join()).toMatch(/routes/);
  });

  it("finds misspelt fields that the JSON schemas let through", { timeout: 120_000 }, () => {
    if (!hpa) throw new Error("api-hpa missing");
    const typo = structuredClone(hpa) as typeof hpa & {
      spec: { behavior: { scaleUp: Record<string, unknown> } };
    };
    typo.spec.behavior.scaleUp.stabilisationWindowSeconds = 0;
    expect(validateManifest(typo)).toEqual([]);
    expect(unknownFields(typo)).toEqual(["spec.behavior.scaleUp.stabilisationWindowSeconds"]);
  });

  it("rejects an API the 1.32 cluster does not serve", () => {
    const old = {
      apiVersion: "autoscaling/v2beta1",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "x" },
    };
    expect(validateManifest(old)).toEqual([expect.stringMatching(/no schema for autoscaling\/v2beta1/)]);
  });
});
