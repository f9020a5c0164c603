import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  containerViolations,
  ingressRouteViolations,
  serviceViolations,
} from "../policies/manifest-policies";
import { buildOverlay, findObject, type KubeObject, overlaysDir, workloads } from "../policies/manifests";

const overlays = { prod: buildOverlay("prod"), dev: buildOverlay("dev") };

/** A deep copy to mutate in the "can fail" cases without touching the shared build. */
function copy(objects: KubeObject[]): KubeObject[] {
  return structuredClone(objects);
}

function container(objects: KubeObject[], workload: string) {
  const found = workloads(objects).find((w) => w.object.metadata.name === workload);
  const first = found?.spec.containers[0];
  if (!found || !first) throw new Error(`no workload ${workload}`);
  return { pod: found.spec, container: first, labels: found.labels };
}

describe.each(Object.entries(overlays))("overlay %s", (_name, objects) => {
  it("gives every container requests, limits, probes and the restricted security context", () => {
    expect(workloads(objects).length).toBeGreaterThanOrEqual(4);
    expect(containerViolations(objects)).toEqual([]);
  });

  it("has every Service select a pod template that has its targetPort", () => {
    expect(serviceViolations(objects)).toEqual([]);
  });

  it("has every IngressRoute reference existing Service ports, Middlewares and TLSOptions", () => {
    expect(ingressRouteViolations(objects)).toEqual([]);
  });

  it("probes the real health endpoints", () => {
    const api = container(objects, "api").container;
    expect(api.startupProbe?.httpGet?.path).toBe("/api/health/liveness");
    expect(api.livenessProbe?.httpGet?.path).toBe("/api/health/liveness");
    expect(api.readinessProbe?.httpGet?.path).toBe("/api/health/readiness");
    expect(api.ports?.find((p) => p.name === "http")?.containerPort).toBe(4000);
    const icons = container(objects, "icons").container;
    for (const probe of [icons.startupProbe, icons.readinessProbe, icons.livenessProbe]) {
      expect(probe?.httpGet?.path).toBe("/healthz");
    }
    expect(icons.ports?.find((p) => p.name === "http")?.containerPort).toBe(8080);
    const postgres = container(objects, "postgres").container;
    expect(postgres.readinessProbe?.exec?.command?.join(" ")).toMatch(/pg_isready/);
  });

  it("wires the API to api-secrets and api-config and announces metrics on 9464", () => {
    const { container: api } = container(objects, "api");
    expect(api.envFrom).toEqual([
      { configMapRef: { name: "api-config" } },
      { secretRef: { name: "api-secrets" } },
    ]);
    const template = findObject<{
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    }>(objects, "Deployment", "api").spec.template.metadata.annotations;
    expect(template).toMatchObject({ "prometheus.io/scrape": "true", "prometheus.io/port": "9464" });
    const config = findObject<{ data: Record<string, string> }>(objects, "ConfigMap", "api-config").data;
    expect(config).toMatchObject({ API_PORT: "4000", POSTGRES_HOST: "postgres", POSTGRES_DB: "parametric" });
  });

  it("runs PostgreSQL 17 from api-secrets credentials on a local-path volume", () => {
    const { container: postgres } = container(objects, "postgres");
    expect(postgres.image).toMatch(/^postgres:17\.\d+$/);
    const env = Object.fromEntries(
      (postgres.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom?.secretKeyRef]),
    );
    expect(env).toMatchObject({
      POSTGRES_DB: "parametric",
      POSTGRES_USER: { name: "api-secrets", key: "POSTGRES_USER" },
      POSTGRES_PASSWORD: { name: "api-secrets", key: "POSTGRES_PASSWORD" },
    });
    const statefulSet = findObject<{
      spec: { volumeClaimTemplates: { spec: { storageClassName: string } }[] };
    }>(objects, "StatefulSet", "postgres");
    expect(statefulSet.spec.volumeClaimTemplates[0]?.spec.storageClassName).toBe("local-path");
  });

  it("migrates with the api image as an Argo CD Sync hook (order: sync-waves.test.ts)", () => {
    const job = findObject<object>(objects, "Job", "api-migrate");
    expect(job.metadata.annotations).toMatchObject({
      "argocd.argoproj.io/hook": "Sync",
      "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation,HookSucceeded",
    });
    const migrate = container(objects, "api-migrate").container;
    expect(migrate.command).toEqual(["node", "dist/migrate.mjs"]);
    // Only the database credentials, not the OAuth, model or encryption secrets.
    expect(migrate.envFrom).toEqual([{ configMapRef: { name: "api-config" } }]);
    expect(migrate.env?.map((e) => [e.name, e.valueFrom?.secretKeyRef?.key])).toEqual([
      ["POSTGRES_USER", "POSTGRES_USER"],
      ["POSTGRES_PASSWORD", "POSTGRES_PASSWORD"],
    ]);
    expect(migrate.image).toBe(container(objects, "api").container.image);
    expect(migrate.image).toMatch(/^ghcr\.io\/parametric-portal\/api:sha-[0-9a-f]{7}$/);
    expect(container(objects, "icons").container.image).toMatch(/parametric-icons:sha-[0-9a-f]{7}$/);
  });

  it("routes /api straight through and prefixes every other path on the api host", () => {
    const route = findObject<{ spec: { routes: { match: string; middlewares: { name: string }[] }[] } }>(
      objects,
      "IngressRoute",
      "api-https",
    );
    const [direct, prefixed] = route.spec.routes;
    expect(direct?.match).toMatch(/^Host\(`[^`]+`\) && PathPrefix\(`\/api`\)$/);
    expect(direct?.middlewares.map((m) => m.name)).toEqual(["api-middleware-chain"]);
    expect(prefixed?.middlewares.map((m) => m.name)).toEqual(["api-add-prefix", "api-middleware-chain"]);
    const prefix = findObject<{ spec: { addPrefix: { prefix: string } } }>(
      objects,
      "Middleware",
      "api-add-prefix",
    );
    expect(prefix.spec.addPrefix.prefix).toBe("/api");
  });
});

describe("policy checks can fail", () => {
  it("flag a container without limits, probes or a read-only root", () => {
    const objects = copy(overlays.prod);
    const { container: api, pod } = container(objects, "api");
    delete pod.enableServiceLinks;
    delete api.resources?.limits;
    delete api.readinessProbe;
    if (api.securityContext) api.securityContext.readOnlyRootFilesystem = false;
    expect(containerViolations(objects)).toEqual([
      "Deployment api: enableServiceLinks must be false",
      "Deployment api container api: no cpu limit",
      "Deployment api container api: no memory limit",
      "Deployment api container api: readOnlyRootFilesystem must be true",
      "Deployment api container api: no readinessProbe",
    ]);
  });

  it("flag a Service whose targetPort no container has", () => {
    const objects = copy(overlays.prod);
    findObject<{ spec: { ports: { targetPort: string }[] } }>(objects, "Service", "icons").spec
      .ports[0]!.targetPort = "web";
    expect(serviceViolations(objects)).toEqual(["Service icons: targetPort web is not a port of icons"]);
  });

  it("flag an IngressRoute pointing at a missing middleware or a wrong port", () => {
    const objects = copy(overlays.prod).filter((o) => o.metadata.name !== "compress");
    const route = findObject<{ spec: { routes: { services: { port: number }[] }[] } }>(
      objects,
      "IngressRoute",
      "icons-https",
    );
    route.spec.routes[0]!.services[0]!.port = 80;
    expect(ingressRouteViolations(objects)).toEqual([
      "Middleware api-middleware-chain: chain references missing Middleware compress",
      "Middleware icons-middleware-chain: chain references missing Middleware compress",
      "IngressRoute icons-https: Service icons has no port 80",
    ]);
  });
});

describe("prod scaling", () => {
  type Hpa = {
    spec: {
      minReplicas: number;
      maxReplicas: number;
      metrics: { resource: { name: string; target: { averageUtilization: number } } }[];
      behavior: object;
    };
  };
  const targets = (hpa: Hpa) =>
    Object.fromEntries(hpa.spec.metrics.map((m) => [m.resource.name, m.resource.target.averageUtilization]));

  it("matches the manual §4.1 table and §4.2 behaviours", () => {
    const api = findObject<Hpa>(overlays.prod, "HorizontalPodAutoscaler", "api-hpa");
    expect([api.spec.minReplicas, api.spec.maxReplicas, targets(api)]).toEqual([
      2,
      10,
      { cpu: 70, memory: 80 },
    ]);
    expect(api.spec.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: "Max",
        policies: [
          { type: "Percent", value: 100, periodSeconds: 15 },
          { type: "Pods", value: 4, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 300,
        policies: [{ type: "Percent", value: 25, periodSeconds: 60 }],
      },
    });
    const icons = findObject<Hpa>(overlays.prod, "HorizontalPodAutoscaler", "icons-hpa");
    expect([icons.spec.minReplicas, icons.spec.maxReplicas, targets(icons)]).toEqual([2, 6, { cpu: 75 }]);
    expect(icons.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: "Pods", value: 2, periodSeconds: 30 }] },
      scaleDown: {
        stabilizationWindowSeconds: 300,
        policies: [{ type: "Percent", value: 50, periodSeconds: 60 }],
      },
    });
  });

  it("keeps a pod up during drains in prod but lets dev's single pod drain", () => {
    const prodPdb = findObject<{ spec: object }>(overlays.prod, "PodDisruptionBudget", "api-pdb").spec;
    expect(prodPdb).toMatchObject({ minAvailable: 1 });
    const devPdb = findObject<{ spec: object }>(overlays.dev, "PodDisruptionBudget", "api-pdb").spec;
    expect(devPdb).toMatchObject({ maxUnavailable: 1 });
    expect(devPdb).not.toHaveProperty("minAvailable");
  });

  it("gives dev one replica, no HPA and debug logging", () => {
    expect(overlays.dev.filter((o) => o.kind === "HorizontalPodAutoscaler")).toEqual([]);
    for (const name of ["api", "icons"]) {
      expect(findObject<{ spec: { replicas: number } }>(overlays.dev, "Deployment", name).spec.replicas).toBe(
        1,
      );
    }
    const config = (overlay: KubeObject[]) =>
      findObject<{ data: Record<string, string> }>(overlay, "ConfigMap", "api-config").data;
    expect(config(overlays.dev).LOG_LEVEL).toBe("debug");
    expect(config(overlays.prod).LOG_LEVEL).toBe("info");
  });
});

describe("dev and prod side by side", () => {
  const hostsOf = (objects: KubeObject[]) =>
    objects
      .filter((o) => o.kind === "IngressRoute")
      .flatMap((o) => JSON.stringify(o.spec).match(/[a-z0-9.-]+\.[a-z]{2,}(?=`)/g) ?? []);
  const clusterScoped = (objects: KubeObject[]) =>
    objects.filter((o) => !o.metadata.namespace).map((o) => `${o.kind}/${o.metadata.name}`);

  it("use their own namespaces everywhere", () => {
    expect(new Set(overlays.prod.map((o) => o.metadata.namespace ?? o.metadata.name))).toEqual(
      new Set(["parametric-portal"]),
    );
    expect(new Set(overlays.dev.map((o) => o.metadata.namespace ?? o.metadata.name))).toEqual(
      new Set(["parametric-portal-dev"]),
    );
  });

  it("share no host, cluster-scoped name or Traefik-global TLS option", () => {
    expect(hostsOf(overlays.prod)).toEqual(
      expect.arrayContaining(["api.parametric-portal.com", "icons.parametric-portal.com"]),
    );
    expect(hostsOf(overlays.dev).filter((host) => hostsOf(overlays.prod).includes(host))).toEqual([]);
    expect(clusterScoped(overlays.dev).filter((id) => clusterScoped(overlays.prod).includes(id))).toEqual([]);
    for (const objects of Object.values(overlays)) {
      expect(objects.filter((o) => o.kind === "TLSOption" && o.metadata.name === "default")).toEqual([]);
    }
  });

  it("fill hosts from one identical replacement list", () => {
    const read = (overlay: string) =>
      readFileSync(resolve(overlaysDir, overlay, "host-replacements.yaml"), "utf8");
    expect(read("dev")).toBe(read("prod"));
    const csp = findObject<{ spec: { headers: { contentSecurityPolicy: string } } }>(
      overlays.dev,
      "Middleware",
      "icons-security-headers",
    );
    expect(csp.spec.headers.contentSecurityPolicy).toMatch(
      /connect-src 'self' https:\/\/api\.dev\.parametric-portal\.com$/,
    );
  });
});
