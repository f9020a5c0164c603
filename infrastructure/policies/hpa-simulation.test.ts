import { describe, expect, it } from "vitest";
import { type SimulationInput, simulateHpa } from "./hpa-simulation";

const hpa = (behavior?: NonNullable<SimulationInput["hpa"]["spec"]>["behavior"]): SimulationInput["hpa"] => ({
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "test" },
  spec: {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "test" },
    minReplicas: 1,
    maxReplicas: 20,
    metrics: [
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
      },
    ],
    ...(behavior ? { behavior } : {}),
  },
});

const run = (input: Partial<SimulationInput> & Pick<SimulationInput, "load">) =>
  simulateHpa({ hpa: hpa(), requests: { cpu: 100 }, initialReplicas: 4, durationSeconds: 600, ...input }).map(
    (step) => step.replicas,
  );

describe("simulateHpa", () => {
  it("desires ceil(current * utilization / target)", () => {
    // 4 pods at 60% of a 50% target -> ceil(4 * 1.2) = 5.
    const steps = simulateHpa({
      hpa: hpa(),
      requests: { cpu: 100 },
      initialReplicas: 4,
      load: () => ({ cpu: 240 }),
      durationSeconds: 0,
    });
    expect(steps).toEqual([{ time: 0, metricDesired: 5, replicas: 5 }]);
  });

  it("ignores changes within the 10% tolerance", () => {
    expect(run({ load: () => ({ cpu: 4 * 100 * 0.54 }) }).every((replicas) => replicas === 4)).toBe(true);
  });

  it("uses the API server defaults without a behavior: 300s down window, then straight to the target", () => {
    const replicas = run({ load: () => ({ cpu: 50 }) });
    // Window seeded with the current count at t=0, so the drop happens at 300s, all at once.
    expect(replicas.indexOf(1)).toBe(300 / 15);
    expect(new Set(replicas)).toEqual(new Set([4, 1]));
  });

  it("never scales down when scaleDown.selectPolicy is Disabled", () => {
    const replicas = run({
      hpa: hpa({ scaleDown: { selectPolicy: "Disabled" } }),
      load: () => ({ cpu: 50 }),
    });
    expect(new Set(replicas)).toEqual(new Set([4]));
  });

  it("rejects metrics it cannot simulate", () => {
    const external = hpa();
    if (external.spec) external.spec.metrics = [{ type: "External" } as never];
    expect(() =>
      simulateHpa({ hpa: external, requests: {}, initialReplicas: 1, load: () => ({}), durationSeconds: 0 }),
    ).toThrow(/Resource\/Utilization metrics only/);
  });
});
