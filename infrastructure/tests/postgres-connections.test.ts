import { describe, expect, it } from "vitest";
import { buildOverlay, findObject, type KubeObject, ofKind } from "../policies/manifests";

// Every api pod opens up to POSTGRES_POOL_MAX connections, plus one that listens for session
// changes (the session cache, on unless SESSION_CACHE_SECONDS=0). At the HPA's maximum, during a rollout
// (maxSurge more pods) and with the migrate Job and a backup connected too, PostgreSQL must still
// have room, or new pods fail readiness with "too many clients already".
const POSTGRES_DEFAULT_MAX_CONNECTIONS = 100;
const API_DEFAULT_POOL_MAX = 10; // apps/api config and manual §3.1
const SPARE = 10; // migrate Job, backup CronJob, verify-backup, an operator's psql
const LISTENER = 1; // apps/api/src/auth/session-plugin.ts: database.listen

interface Budget {
  readonly replicas: number;
  readonly surge: number;
  readonly pool: number;
  readonly needed: number;
  readonly maxConnections: number;
}

type Deployment = {
  spec: { replicas?: number; strategy?: { rollingUpdate?: { maxSurge?: number | string } } };
};
type Hpa = { spec: { maxReplicas: number; scaleTargetRef: { kind: string; name: string } } };
type Pods = { spec: { template: { spec: { containers: { name: string; args?: string[] }[] } } } };

/** Pods during a rolling update beyond `replicas`: an absolute maxSurge, or a percentage rounded up. */
function surgePods(maxSurge: number | string | undefined, replicas: number): number {
  const value = maxSurge ?? "25%"; // Kubernetes' default
  if (typeof value === "number") return value;
  const percent = /^(\d+)%$/.exec(value)?.[1];
  if (percent === undefined) throw new Error(`maxSurge "${value}" is neither a number nor a percentage`);
  return Math.ceil((replicas * Number(percent)) / 100);
}

function maxConnections(objects: readonly KubeObject[]): number {
  const postgres = findObject<Pods>(objects, "StatefulSet", "postgres");
  const args = postgres.spec.template.spec.containers.find((c) => c.name === "postgres")?.args ?? [];
  const setting = args.map((arg) => /^max_connections=(\d+)$/.exec(arg)?.[1]).find(Boolean);
  return setting === undefined ? POSTGRES_DEFAULT_MAX_CONNECTIONS : Number(setting);
}

function connectionBudget(objects: readonly KubeObject[]): Budget {
  const api = findObject<Deployment>(objects, "Deployment", "api");
  const hpa = ofKind<Hpa>(objects, "HorizontalPodAutoscaler").find(
    (h) => h.spec.scaleTargetRef.kind === "Deployment" && h.spec.scaleTargetRef.name === "api",
  );
  const replicas = hpa ? hpa.spec.maxReplicas : (api.spec.replicas ?? 1);
  const surge = surgePods(api.spec.strategy?.rollingUpdate?.maxSurge, replicas);
  const config = findObject<{ data?: Record<string, string> }>(objects, "ConfigMap", "api-config");
  const pool = Number(config.data?.POSTGRES_POOL_MAX ?? API_DEFAULT_POOL_MAX);
  return {
    replicas,
    surge,
    pool,
    needed: (replicas + surge) * (pool + LISTENER) + SPARE,
    maxConnections: maxConnections(objects),
  };
}

const overlays = { prod: buildOverlay("prod"), dev: buildOverlay("dev") };

describe.each(Object.entries(overlays))("overlay %s", (_name, objects) => {
  it("leaves PostgreSQL room for every api pod's pool at the maximum, a surge pod and 10 spare", () => {
    const budget = connectionBudget(objects);
    expect(budget.needed, JSON.stringify(budget)).toBeLessThanOrEqual(budget.maxConnections);
  });
});

describe("prod connection budget", () => {
  it("is api-hpa's 10 pods + 1 surge at 8 + 1 connections each against max_connections=150", () => {
    expect(connectionBudget(overlays.prod)).toEqual({
      replicas: 10,
      surge: 1,
      pool: 8,
      needed: 109,
      maxConnections: 150,
    });
  });

  it("catches the old setting: 10 pods × 10 + surge against PostgreSQL's default 100", () => {
    const objects = structuredClone(overlays.prod);
    const config = findObject<{ data: Record<string, string> }>(objects, "ConfigMap", "api-config");
    delete config.data.POSTGRES_POOL_MAX;
    const postgres = findObject<Pods>(objects, "StatefulSet", "postgres");
    for (const container of postgres.spec.template.spec.containers) delete container.args;
    const budget = connectionBudget(objects);
    expect(budget).toMatchObject({ needed: 131, maxConnections: 100 });
    expect(budget.needed).toBeGreaterThan(budget.maxConnections);
  });
});
