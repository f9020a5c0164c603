import { describe, expect, it } from "vitest";
import { buildOverlay, findObject, type KubeObject, type Workload, workloads } from "../policies/manifests";

// Argo CD runs PreSync, then Sync, then PostSync; inside a phase, waves in ascending order, and a
// wave starts only when everything in the wave before is healthy (a hook Job: completed).
const phases = ["PreSync", "Sync", "PostSync"];

function order(object: KubeObject): [phase: number, wave: number] {
  const annotations = object.metadata.annotations ?? {};
  const hook = annotations["argocd.argoproj.io/hook"] ?? "Sync";
  return [phases.indexOf(hook), Number(annotations["argocd.argoproj.io/sync-wave"] ?? "0")];
}

function before(a: KubeObject, b: KubeObject): boolean {
  const [phaseA, waveA] = order(a);
  const [phaseB, waveB] = order(b);
  return phaseA < phaseB || (phaseA === phaseB && waveA < waveB);
}

function label(object: KubeObject): string {
  return `${object.kind} ${object.metadata.name}`;
}

/** The ConfigMaps and Secrets a pod spec reads, as the objects of this sync that create them. */
function dependencies(objects: readonly KubeObject[], spec: Workload["spec"]): KubeObject[] {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef?.name) configMaps.add(from.configMapRef.name);
      if (from.secretRef?.name) secrets.add(from.secretRef.name);
    }
    for (const variable of container.env ?? []) {
      if (variable.valueFrom?.configMapKeyRef?.name) configMaps.add(variable.valueFrom.configMapKeyRef.name);
      if (variable.valueFrom?.secretKeyRef?.name) secrets.add(variable.valueFrom.secretKeyRef.name);
    }
  }
  return objects.filter(
    (o) =>
      (o.kind === "ConfigMap" && configMaps.has(o.metadata.name)) ||
      // The Sealed Secrets controller writes the Secret of the same name.
      ((o.kind === "Secret" || o.kind === "SealedSecret") && secrets.has(o.metadata.name)),
  );
}

/**
 * What would leave a first sync on an empty cluster waiting forever, or roll out the API before
 * its migrations: every broken ordering, as readable lines (empty = fine).
 */
function syncOrderViolations(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  const get = (kind: string, name: string) => findObject<object>(objects, kind, name);
  const job = get("Job", "api-migrate");
  const jobSpec = workloads(objects).find((w) => w.object === job)?.spec;
  const needs = [
    ...(jobSpec ? dependencies(objects, jobSpec) : []),
    get("StatefulSet", "postgres"),
    get("Service", "postgres"),
    ...objects.filter((o) => o.kind === "NetworkPolicy"),
  ];
  for (const need of needs) {
    if (!before(need, job)) problems.push(`${label(need)} must be synced before the api-migrate hook`);
  }
  const api = get("Deployment", "api");
  if (!before(job, api)) problems.push("api-migrate must complete before the api Deployment rolls out");
  // A hook's own pods have no fallback: anything it reads must exist when it starts.
  for (const { object, spec } of workloads(objects)) {
    for (const need of dependencies(objects, spec)) {
      if (before(object, need)) problems.push(`${label(object)} runs before ${label(need)} it reads`);
    }
  }
  for (const hpa of objects.filter((o) => o.kind === "HorizontalPodAutoscaler")) {
    const target = (hpa.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
    if (before(hpa, get(target.kind, target.name))) {
      problems.push(`${label(hpa)} must not be synced before ${target.kind} ${target.name}`);
    }
  }
  // local-path binds a claim only when a pod uses it; until then Argo CD calls it Progressing.
  const lastWave = Math.max(...objects.map((o) => order(o)[1]));
  for (const claim of objects.filter((o) => o.kind === "PersistentVolumeClaim")) {
    const [phase, wave] = order(claim);
    if (phase !== 1 || wave !== lastWave) problems.push(`${label(claim)} would gate a later wave`);
  }
  return problems;
}

const overlays = { prod: buildOverlay("prod"), dev: buildOverlay("dev") };

describe.each(Object.entries(overlays))("Argo CD sync order of overlay %s", (_name, objects) => {
  it("has no ordering that deadlocks a first sync or rolls out the API before its migrations", () => {
    expect(syncOrderViolations(objects)).toEqual([]);
  });

  it("puts the database, config and secret in wave -1, migrations in 0 and the api in 1", () => {
    const wave = (kind: string, name: string) =>
      findObject<object>(objects, kind, name).metadata.annotations?.["argocd.argoproj.io/sync-wave"];
    for (const [kind, name] of [
      ["StatefulSet", "postgres"],
      ["Service", "postgres"],
      ["ConfigMap", "api-config"],
      ["SealedSecret", "api-secrets"],
    ] as const) {
      expect(wave(kind, name), `${kind} ${name}`).toBe("-1");
    }
    expect(findObject<object>(objects, "Job", "api-migrate").metadata.annotations).toEqual({
      "argocd.argoproj.io/hook": "Sync",
      "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation,HookSucceeded",
      "argocd.argoproj.io/sync-wave": "0",
    });
    expect(wave("Deployment", "api")).toBe("1");
    expect(objects.filter((o) => order(o)[0] === 0).map(label)).toEqual([]);
  });
});

describe("sync order checks can fail", () => {
  const mutate = (change: (objects: KubeObject[]) => void) => {
    const objects = structuredClone(overlays.prod);
    change(objects);
    return syncOrderViolations(objects);
  };
  const annotate = (objects: KubeObject[], kind: string, name: string, values: Record<string, string>) => {
    const object = findObject<object>(objects, kind, name);
    object.metadata.annotations = { ...object.metadata.annotations, ...values };
  };

  it("flag the old PreSync migration hook that waited for what its own sync creates", () => {
    const problems = mutate((o) =>
      annotate(o, "Job", "api-migrate", { "argocd.argoproj.io/hook": "PreSync" }),
    );
    expect(problems).toContain("ConfigMap api-config must be synced before the api-migrate hook");
    expect(problems).toContain("SealedSecret api-secrets must be synced before the api-migrate hook");
    expect(problems).toContain("StatefulSet postgres must be synced before the api-migrate hook");
    expect(problems).toContain("Job api-migrate runs before ConfigMap api-config it reads");
  });

  it("flag an api rolled out alongside its migrations, an early HPA and a gating claim", () => {
    const problems = mutate((o) => {
      annotate(o, "Deployment", "api", { "argocd.argoproj.io/sync-wave": "0" });
      annotate(o, "HorizontalPodAutoscaler", "icons-hpa", { "argocd.argoproj.io/sync-wave": "-1" });
      annotate(o, "PersistentVolumeClaim", "postgres-backups", { "argocd.argoproj.io/sync-wave": "0" });
    });
    expect(problems).toEqual([
      "api-migrate must complete before the api Deployment rolls out",
      "HorizontalPodAutoscaler icons-hpa must not be synced before Deployment icons",
      "PersistentVolumeClaim postgres-backups would gate a later wave",
    ]);
  });
});
