import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IHPAScalingRules } from "kubernetes-models/autoscaling/v2/HPAScalingRules";

/**
 * A discrete re-implementation of the HPA controller's documented algorithm (autoscaling/v2,
 * kube-controller-manager 1.32 `pkg/controller/podautoscaler`): every sync period, per metric
 * desired = ceil(current * utilization / target) unless within the 10% tolerance; the largest
 * metric wins; scale-up/-down stabilization windows take the min/max of recent recommendations;
 * the policies then cap the change relative to the replica count at the start of each policy's
 * period (selectPolicy Max = the largest change, Min = the smallest, Disabled = none); finally the
 * count is kept within min/max replicas. Pods are assumed ready the moment they are created.
 */

export interface SimulationInput {
  hpa: IHorizontalPodAutoscaler;
  /** Per-pod resource requests, in the same unit as the load (e.g. millicores, MiB). */
  requests: Record<string, number>;
  initialReplicas: number;
  /** Total usage of each resource across all pods at a given second. */
  load: (seconds: number) => Record<string, number>;
  durationSeconds: number;
  syncPeriodSeconds?: number;
  tolerance?: number;
}

export interface SimulationStep {
  time: number;
  /** What the metrics alone asked for, before stabilization and policies. */
  metricDesired: number;
  replicas: number;
}

interface Timestamped {
  time: number;
  value: number;
}

interface Rules {
  stabilizationWindowSeconds: number;
  selectPolicy: string;
  policies: { type: string; value: number; periodSeconds: number }[];
}

// The API server's defaults for an omitted behavior (or an omitted half of one).
const defaultScaleUp: Rules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [
    { type: "Pods", value: 4, periodSeconds: 15 },
    { type: "Percent", value: 100, periodSeconds: 15 },
  ],
};
const defaultScaleDown: Rules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: "Max",
  policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
};

function withDefaults(rules: IHPAScalingRules | undefined, defaults: Rules): Rules {
  return {
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: rules?.selectPolicy ?? defaults.selectPolicy,
    policies: rules?.policies ?? defaults.policies,
  };
}

/** Sum of replica changes strictly inside (now - period, now]. */
function changeInPeriod(events: readonly Timestamped[], now: number, period: number): number {
  return events.filter((event) => event.time > now - period).reduce((sum, event) => sum + event.value, 0);
}

function metricDesiredReplicas(
  input: SimulationInput,
  current: number,
  now: number,
  tolerance: number,
): number {
  const usage = input.load(now);
  let desired = 0;
  for (const metric of input.hpa.spec?.metrics ?? []) {
    const resource = metric.resource;
    if (metric.type !== "Resource" || !resource || resource.target.type !== "Utilization") {
      throw new Error(`simulation supports Resource/Utilization metrics only, got ${metric.type}`);
    }
    const request = input.requests[resource.name];
    const used = usage[resource.name];
    const target = resource.target.averageUtilization;
    if (request === undefined || used === undefined || target === undefined) {
      throw new Error(`missing request, load or target for resource ${resource.name}`);
    }
    const utilization = (used / (current * request)) * 100;
    const ratio = utilization / target;
    const proposal = Math.abs(1 - ratio) <= tolerance ? current : Math.ceil(ratio * current);
    desired = Math.max(desired, proposal);
  }
  return desired;
}

export function simulateHpa(input: SimulationInput): SimulationStep[] {
  const spec = input.hpa.spec;
  if (!spec) throw new Error("HPA has no spec");
  const minReplicas = spec.minReplicas ?? 1;
  const maxReplicas = spec.maxReplicas;
  const up = withDefaults(spec.behavior?.scaleUp, defaultScaleUp);
  const down = withDefaults(spec.behavior?.scaleDown, defaultScaleDown);
  const period = input.syncPeriodSeconds ?? 15;
  const tolerance = input.tolerance ?? 0.1;

  const recommendations: Timestamped[] = [];
  const upEvents: Timestamped[] = [];
  const downEvents: Timestamped[] = [];
  const steps: SimulationStep[] = [];
  let current = input.initialReplicas;

  for (let now = 0; now <= input.durationSeconds; now += period) {
    const metricDesired = metricDesiredReplicas(input, current, now, tolerance);
    let desired: number;
    if (current > maxReplicas) desired = maxReplicas;
    else if (current < minReplicas) desired = minReplicas;
    else {
      // The controller seeds the scale-down window with the current count on first sight.
      if (recommendations.length === 0 && down.stabilizationWindowSeconds > 0) {
        recommendations.push({ time: now, value: current });
      }
      let upRecommendation = metricDesired;
      let downRecommendation = metricDesired;
      for (const rec of recommendations) {
        if (rec.time > now - up.stabilizationWindowSeconds)
          upRecommendation = Math.min(upRecommendation, rec.value);
        if (rec.time > now - down.stabilizationWindowSeconds) {
          downRecommendation = Math.max(downRecommendation, rec.value);
        }
      }
      recommendations.push({ time: now, value: metricDesired });
      let stabilized = current;
      if (stabilized < upRecommendation) stabilized = upRecommendation;
      if (stabilized > downRecommendation) stabilized = downRecommendation;
      desired = applyPolicies(
        stabilized,
        current,
        now,
        minReplicas,
        maxReplicas,
        up,
        down,
        upEvents,
        downEvents,
      );
    }
    if (desired > current) upEvents.push({ time: now, value: desired - current });
    if (desired < current) downEvents.push({ time: now, value: current - desired });
    current = desired;
    steps.push({ time: now, metricDesired, replicas: current });
  }
  return steps;
}

function applyPolicies(
  desired: number,
  current: number,
  now: number,
  minReplicas: number,
  maxReplicas: number,
  up: Rules,
  down: Rules,
  upEvents: readonly Timestamped[],
  downEvents: readonly Timestamped[],
): number {
  const periodStart = (periodSeconds: number) =>
    current - changeInPeriod(upEvents, now, periodSeconds) + changeInPeriod(downEvents, now, periodSeconds);
  if (desired > current) {
    if (up.selectPolicy === "Disabled") return current;
    const proposals = up.policies.map((policy) => {
      const start = periodStart(policy.periodSeconds);
      return policy.type === "Pods" ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    });
    const limit = Math.max(
      current,
      up.selectPolicy === "Min" ? Math.min(...proposals) : Math.max(...proposals),
    );
    return Math.min(desired, maxReplicas, limit);
  }
  if (desired < current) {
    if (down.selectPolicy === "Disabled") return current;
    const proposals = down.policies.map((policy) => {
      const start = periodStart(policy.periodSeconds);
      return policy.type === "Pods" ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    });
    const limit = Math.min(
      current,
      down.selectPolicy === "Min" ? Math.max(...proposals) : Math.min(...proposals),
    );
    return Math.max(desired, minReplicas, limit);
  }
  return desired;
}
