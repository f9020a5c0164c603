import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildOverlay, infrastructureDir, parseManifests, repoRoot } from "../policies/manifests";

const path = resolve(infrastructureDir, "argocd/application.yaml");
const [applicationSet] = parseManifests(readFileSync(path, "utf8"), path);

type ApplicationSetSpec = {
  goTemplate: boolean;
  generators: { list?: { elements: Record<string, string>[] } }[];
  template: object;
};

/** What the list generator produces: the template with each element's `{{.key}}` filled in. */
function generatedApplications(): { metadata: { name: string }; spec: Record<string, never> }[] {
  const spec = applicationSet?.spec as ApplicationSetSpec;
  const elements = spec.generators.flatMap((generator) => generator.list?.elements ?? []);
  return elements.map((element) =>
    JSON.parse(
      JSON.stringify(spec.template).replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => {
        const value = element[key];
        if (value === undefined) throw new Error(`template uses {{.${key}}} but the element has no ${key}`);
        return value;
      }),
    ),
  );
}

describe("Argo CD ApplicationSet", () => {
  const applications = generatedApplications();

  it("generates parametric-portal-prod and parametric-portal-dev", () => {
    expect(applicationSet?.metadata.namespace).toBe("argocd");
    expect(applications.map((app) => app.metadata.name)).toEqual([
      "parametric-portal-prod",
      "parametric-portal-dev",
    ]);
  });

  it.each([0, 1])(
    "points application %i at an overlay that builds into its destination namespace",
    (index) => {
      const app = applications[index] as unknown as {
        spec: { source: { path: string; repoURL: string }; destination: { namespace: string } };
      };
      const overlay = resolve(repoRoot, app.spec.source.path);
      expect(existsSync(resolve(overlay, "kustomization.yaml"))).toBe(true);
      const namespaces = new Set(buildOverlay(overlay).map((o) => o.metadata.namespace ?? o.metadata.name));
      expect(namespaces).toEqual(new Set([app.spec.destination.namespace]));
      expect(app.spec.source.repoURL).toMatch(/^https:\/\/github\.com\/.+\.git$/);
    },
  );

  it("syncs automatically with prune, self-heal and namespace creation, leaving replicas to the HPA", () => {
    for (const app of applications) {
      expect(app.spec).toMatchObject({
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: expect.arrayContaining(["CreateNamespace=true", "RespectIgnoreDifferences=true"]),
        },
        ignoreDifferences: [{ group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"] }],
      });
    }
  });
});
