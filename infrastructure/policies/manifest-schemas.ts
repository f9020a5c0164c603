import { ApplicationSet } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet";
import { SealedSecret } from "@kubernetes-models/sealed-secrets/bitnami.com/v1alpha1/SealedSecret";
import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { Middleware } from "@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware";
import { TLSOption } from "@kubernetes-models/traefik/traefik.io/v1alpha1/TLSOption";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { KubeObject } from "./manifests";

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

/**
 * Schemas per `apiVersion/kind`. The core kinds come from kubernetes-models (upstream OpenAPI); every
 * group/version listed is served unchanged by Kubernetes 1.32 (K3s v1.32.2), which is what makes
 * this a 1.32 check: an API removed before or added after 1.32 has no entry and is rejected.
 * CRDs: Traefik v3 (traefik.io/v1alpha1), Argo CD, Bitnami Sealed Secrets.
 */
const schemas: Record<string, ModelClass> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "v1/LimitRange": LimitRange,
  "apps/v1/Deployment": Deployment,
  "apps/v1/StatefulSet": StatefulSet,
  "batch/v1/Job": Job,
  "batch/v1/CronJob": CronJob,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "traefik.io/v1alpha1/IngressRoute": IngressRoute,
  "traefik.io/v1alpha1/Middleware": Middleware,
  "traefik.io/v1alpha1/TLSOption": TLSOption,
  "bitnami.com/v1alpha1/SealedSecret": SealedSecret,
  "argoproj.io/v1alpha1/ApplicationSet": ApplicationSet,
};

/** Schema errors of one object; empty when it is valid. */
export function validateManifest(object: KubeObject): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const Model = schemas[key];
  const where = `${object.kind} ${object.metadata.name}`;
  if (!Model) {
    return [`${where}: no schema for ${key}; add its model to infrastructure/policies/manifest-schemas.ts`];
  }
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    return [`${where}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

export function validateManifests(objects: readonly KubeObject[]): string[] {
  return objects.flatMap(validateManifest);
}
