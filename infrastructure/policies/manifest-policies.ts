import type { IIngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import type { IMiddleware } from "@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IService } from "kubernetes-models/v1/Service";
import { type KubeObject, ofKind, type Workload, workloads } from "./manifests";
import { matchesSelector } from "./network-policy";

/**
 * House rules for rendered manifests. Each check returns human-readable violations (empty = ok), so
 * a test can assert `toEqual([])` and show every problem at once.
 */

const longRunning = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

function where(workload: Workload, container: IContainer): string {
  return `${workload.object.kind} ${workload.object.metadata.name} container ${container.name}`;
}

/** Requests/limits, the restricted security context, and probes on long-running containers. */
export function containerViolations(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const pod = workload.spec;
    const name = `${workload.object.kind} ${workload.object.metadata.name}`;
    if (pod.automountServiceAccountToken !== false)
      problems.push(`${name}: automountServiceAccountToken must be false`);
    // Service links would inject e.g. API_PORT=tcp://10.43.x.x:4000 (from Service `api`) beside our config.
    if (pod.enableServiceLinks !== false) problems.push(`${name}: enableServiceLinks must be false`);
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      const at = where(workload, container);
      const requests = container.resources?.requests ?? {};
      const limits = container.resources?.limits ?? {};
      for (const resource of ["cpu", "memory"]) {
        if (requests[resource] === undefined) problems.push(`${at}: no ${resource} request`);
        if (limits[resource] === undefined) problems.push(`${at}: no ${resource} limit`);
      }
      const security = container.securityContext ?? {};
      if (security.allowPrivilegeEscalation !== false)
        problems.push(`${at}: allowPrivilegeEscalation must be false`);
      if (security.readOnlyRootFilesystem !== true)
        problems.push(`${at}: readOnlyRootFilesystem must be true`);
      if (!security.capabilities?.drop?.includes("ALL")) problems.push(`${at}: capabilities must drop ALL`);
      if ((security.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true) {
        problems.push(`${at}: runAsNonRoot must be true`);
      }
      const seccomp = security.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
      if (seccomp !== "RuntimeDefault") problems.push(`${at}: seccompProfile must be RuntimeDefault`);
      const tmp = container.volumeMounts?.find((mount) => mount.mountPath === "/tmp");
      const tmpVolume = pod.volumes?.find((volume) => volume.name === tmp?.name);
      if (!tmpVolume?.emptyDir) problems.push(`${at}: /tmp must be a writable emptyDir`);
      if (longRunning.has(workload.object.kind)) {
        for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"] as const) {
          if (!container[probe]) problems.push(`${at}: no ${probe}`);
        }
      }
    }
  }
  return problems;
}

/** Every Service selects some pod template in its namespace, and every targetPort exists there. */
export function serviceViolations(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  const all = workloads(objects);
  for (const service of ofKind<IService>(objects, "Service")) {
    const at = `Service ${service.metadata.name}`;
    const selector = service.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) {
      problems.push(`${at}: has no selector`);
      continue;
    }
    const selected = all.filter(
      (workload) =>
        workload.object.metadata.namespace === service.metadata.namespace &&
        matchesSelector({ matchLabels: selector }, workload.labels),
    );
    if (selected.length === 0) {
      problems.push(`${at}: selector ${JSON.stringify(selector)} matches no pod template`);
      continue;
    }
    for (const port of service.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const workload of selected) {
        const exists = workload.spec.containers.some((container) =>
          (container.ports ?? []).some(
            (p) => (typeof target === "string" ? p.name : p.containerPort) === target,
          ),
        );
        if (!exists)
          problems.push(`${at}: targetPort ${target} is not a port of ${workload.object.metadata.name}`);
      }
    }
  }
  return problems;
}

/** IngressRoutes point at existing Service ports, Middlewares and TLSOptions; chains too. */
export function ingressRouteViolations(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  const key = (namespace: string | undefined, name: string) => `${namespace ?? ""}/${name}`;
  const services = new Map(
    ofKind<IService>(objects, "Service").map((s) => [key(s.metadata.namespace, s.metadata.name), s]),
  );
  const middlewares = ofKind<IMiddleware>(objects, "Middleware");
  const middlewareNames = new Set(middlewares.map((m) => key(m.metadata.namespace, m.metadata.name)));
  const tlsOptions = new Set(
    objects.filter((o) => o.kind === "TLSOption").map((o) => key(o.metadata.namespace, o.metadata.name)),
  );
  for (const middleware of middlewares) {
    for (const link of middleware.spec?.chain?.middlewares ?? []) {
      if (!middlewareNames.has(key(link.namespace ?? middleware.metadata.namespace, link.name))) {
        problems.push(
          `Middleware ${middleware.metadata.name}: chain references missing Middleware ${link.name}`,
        );
      }
    }
  }
  for (const route of ofKind<IIngressRoute>(objects, "IngressRoute")) {
    const at = `IngressRoute ${route.metadata.name}`;
    const namespace = route.metadata.namespace;
    for (const rule of route.spec?.routes ?? []) {
      for (const ref of rule.middlewares ?? []) {
        if (!middlewareNames.has(key(ref.namespace ?? namespace, ref.name))) {
          problems.push(`${at}: references missing Middleware ${ref.name}`);
        }
      }
      for (const target of rule.services ?? []) {
        const service = services.get(key(target.namespace ?? namespace, target.name));
        if ((target.kind ?? "Service") !== "Service" || !service) {
          problems.push(`${at}: references missing Service ${target.name}`);
        } else if (
          !(service.spec?.ports ?? []).some((p) => p.port === target.port || p.name === target.port)
        ) {
          problems.push(`${at}: Service ${target.name} has no port ${target.port}`);
        }
      }
    }
    const options = route.spec?.tls?.options;
    if (options && !tlsOptions.has(key(options.namespace ?? namespace, options.name))) {
      problems.push(`${at}: references missing TLSOption ${options.name}`);
    }
  }
  return problems;
}
