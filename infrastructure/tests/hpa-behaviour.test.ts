import { describe, expect, it } from "vitest";
import { type SimulationInput, simulateHpa } from "../policies/hpa-simulation";
import { buildOverlay, findObject } from "../policies/manifests";

const prod = buildOverlay("prod");

type Hpa = SimulationInput["hpa"];
type Deployment = {
  spec: { template: { spec: { containers: { resources: { requests: Record<string, string> } }[] } } };
};

/** cpu in millicores, memory in MiB, as the pod requests them. */
function requestsOf(deployment: string): Record<string, number> {
  const requests = findObject<Deployment>(prod, "Deployment", deployment).spec.template.spec.containers[0]
    ?.resources.requests;
  if (!requests?.cpu || !requests.memory) throw new Error(`${deployment} has no requests`);
  const cpu = requests.cpu.endsWith("m") ? Number(requests.cpu.slice(0, -1)) : Number(requests.cpu) * 1000;
  const memory = requests.memory.endsWith("Mi") ? Number(requests.memory.slice(0, -2)) : Number.NaN;
  return { cpu, memory };
}

/** Idle, then a load step at 60s far beyond what max replicas can absorb, then idle again at 300s. */
function stepLoad(requests: Record<string, number>) {
  return (seconds: number) => {
    const busy = seconds >= 60 && seconds < 300;
    return { cpu: (requests.cpu ?? 0) * (busy ? 20 : 0.2), memory: (requests.memory ?? 0) * 0.6 };
  };
}

function run(deployment: string, hpaName: string) {
  const hpa = findObject<Hpa>(prod, "HorizontalPodAutoscaler", hpaName) as Hpa;
  const requests = requestsOf(deployment);
  const steps = simulateHpa({
    hpa,
    requests,
    initialReplicas: 2,
    load: stepLoad(requests),
    durationSeconds: 900,
  });
  /** Times at which the replica count changed, with the new count. */
  const changes = steps.filter((step, i) => i > 0 && step.replicas !== steps[i - 1]?.replicas);
  return { steps, changes: changes.map((s) => [s.time, s.replicas]) };
}

describe("api-hpa under a load step (manual §4.2)", () => {
  const { steps, changes } = run("api", "api-hpa");

  it("scales up by the larger of +100% and +4 pods per 15s, with no stabilization delay", () => {
    // 2 -> 6 (+4 beats +100%) the moment load arrives, then 6 -> 10 (max) 15s later.
    expect(changes.slice(0, 2)).toEqual([
      [60, 6],
      [75, 10],
    ]);
  });

  it("waits the 300s window after load ends, then sheds at most 25% per 60s down to 2", () => {
    // Last busy recommendation at 285s, so the first scale-down comes at 585s.
    expect(changes.slice(2)).toEqual([
      [585, 7],
      [645, 5],
      [705, 3],
      [765, 2],
    ]);
    expect(Math.min(...steps.map((s) => s.replicas))).toBe(2);
    expect(Math.max(...steps.map((s) => s.replicas))).toBe(10);
  });
});

describe("icons-hpa under a load step (manual §4.2)", () => {
  const { changes } = run("icons", "icons-hpa");

  it("adds 2 pods per 30s with no stabilization delay, up to 6", () => {
    expect(changes.slice(0, 2)).toEqual([
      [60, 4],
      [90, 6],
    ]);
  });

  it("waits the 300s window, then halves per 60s down to 2", () => {
    expect(changes.slice(2)).toEqual([
      [585, 3],
      [645, 2],
    ]);
  });
});

describe("the simulation reads behaviour from the HPA object", () => {
  it("scales up more slowly when selectPolicy is Min", () => {
    const hpa = structuredClone(findObject<Hpa>(prod, "HorizontalPodAutoscaler", "api-hpa")) as Hpa;
    if (hpa.spec?.behavior?.scaleUp) hpa.spec.behavior.scaleUp.selectPolicy = "Min";
    const requests = requestsOf("api");
    const steps = simulateHpa({
      hpa,
      requests,
      initialReplicas: 2,
      load: stepLoad(requests),
      durationSeconds: 120,
    });
    // Min of (+100% = 4, +4 = 6) each period: 2 -> 4 -> 8 -> 10.
    expect(steps.filter((s) => s.time >= 60).map((s) => s.replicas)).toEqual([4, 8, 10, 10, 10]);
  });
});
