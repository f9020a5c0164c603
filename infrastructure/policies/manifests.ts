import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import { parseAllDocuments } from "yaml";

/** Any Kubernetes object as rendered by kustomize; narrow with `ofKind`. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const infrastructureDir = resolve(repoRoot, "infrastructure");
export const overlaysDir = resolve(infrastructureDir, "overlays");

/** Kinds whose objects carry a pod template at spec.template (CronJob one level deeper). */
const workloadKinds = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]);

export function parseManifests(text: string, source: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: invalid YAML: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isKubeObject(value)) {
      throw new Error(
        `${source}: a document is not a Kubernetes object (needs apiVersion, kind, metadata.name)`,
      );
    }
    objects.push(value);
  }
  return objects;
}

function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const metadata = candidate.metadata as Record<string, unknown> | undefined;
  return (
    typeof candidate.apiVersion === "string" &&
    typeof candidate.kind === "string" &&
    typeof metadata === "object" &&
    metadata !== null &&
    typeof metadata.name === "string"
  );
}

/**
 * Renders a kustomization directory exactly as Argo CD does (`kubectl kustomize`).
 * `overlay` is an overlay name under infrastructure/overlays or a path to any kustomization folder.
 */
export function buildOverlay(overlay: string): KubeObject[] {
  const dir = overlay.includes("/") ? resolve(overlay) : resolve(overlaysDir, overlay);
  let text: string;
  try {
    text = execFileSync("kubectl", ["kustomize", dir], {
      encoding: "utf8",
      maxBuffer: 32 * 1024 * 1024,
      timeout: 60_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`kubectl kustomize ${dir} failed: ${stderr.trim()}`);
  }
  return parseManifests(text, dir);
}

export function ofKind<T>(objects: readonly KubeObject[], kind: string): (KubeObject & T)[] {
  return objects.filter((object) => object.kind === kind) as (KubeObject & T)[];
}

export function findObject<T>(objects: readonly KubeObject[], kind: string, name: string): KubeObject & T {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} in the rendered manifests`);
  return found as KubeObject & T;
}

/** The pod template of a workload object, or undefined for non-workloads. */
export function podTemplateOf(object: KubeObject): IPodTemplateSpec | undefined {
  if (!workloadKinds.has(object.kind)) return undefined;
  const spec = object.spec as {
    template?: IPodTemplateSpec;
    jobTemplate?: { spec?: { template?: IPodTemplateSpec } };
  };
  return object.kind === "CronJob" ? spec.jobTemplate?.spec?.template : spec.template;
}

export interface Workload {
  object: KubeObject;
  labels: Record<string, string>;
  spec: IPodSpec;
}

/** Every pod template in the rendered manifests, with its labels. */
export function workloads(objects: readonly KubeObject[]): Workload[] {
  const result: Workload[] = [];
  for (const object of objects) {
    const template = podTemplateOf(object);
    if (!template?.spec) continue;
    result.push({ object, labels: template.metadata?.labels ?? {}, spec: template.spec });
  }
  return result;
}
