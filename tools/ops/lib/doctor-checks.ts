// Pure checks over `kubectl … -o json` / `argocd app get -o json` output: one per §7.1 symptom.

export interface Finding {
  /** The manual §7.1 symptom, word for word. */
  readonly symptom: string;
  readonly subject: string;
  readonly evidence: readonly string[];
  /** The manual's check command for this symptom, filled in. */
  readonly check: string;
  readonly fix: string;
}

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; exitCode?: number; finishedAt?: string };
}
interface ContainerStatus {
  name: string;
  image?: string;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}
export interface Pod {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}
export interface Service {
  metadata: { name: string };
  spec?: { selector?: Record<string, string>; type?: string };
}
export interface Endpoints {
  metadata: { name: string };
  subsets?: { addresses?: unknown[]; notReadyAddresses?: unknown[] }[];
}
export interface ArgoApp {
  metadata: { name: string };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    resources?: { kind?: string; name?: string; status?: string }[];
  };
}

const PULL_ERRORS = new Set(["ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull"]);

export interface CrashingContainer {
  readonly pod: string;
  readonly container: string;
  readonly evidence: string[];
}

/** CrashLoopBackOff and ImagePullBackOff from container states; crash logs are added by the caller. */
export const checkContainers = (
  pods: readonly Pod[],
  namespace: string,
): { findings: Finding[]; crashing: CrashingContainer[] } => {
  const findings: Finding[] = [];
  const crashing: CrashingContainer[] = [];
  for (const pod of pods) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const status of statuses) {
      const reason = status.state?.waiting?.reason;
      const subject = `pod/${pod.metadata.name} container ${status.name}`;
      if (reason === "CrashLoopBackOff") {
        const last = status.lastState?.terminated;
        crashing.push({
          pod: pod.metadata.name,
          container: status.name,
          evidence: [
            `restarted ${status.restartCount ?? 0} times; waiting: CrashLoopBackOff`,
            ...(last
              ? [
                  `last exit: code ${last.exitCode ?? "?"} (${last.reason ?? "unknown"}) at ${last.finishedAt ?? "?"}`,
                ]
              : []),
          ],
        });
      } else if (reason !== undefined && PULL_ERRORS.has(reason)) {
        findings.push({
          symptom: "ImagePullBackOff",
          subject,
          evidence: [
            `image ${status.image ?? "?"}: ${reason}`,
            ...(status.state?.waiting?.message ? [status.state.waiting.message] : []),
          ],
          check: `kubectl describe pod ${pod.metadata.name} -n ${namespace}`,
          fix: "Check GHCR auth, image exists: the tag in infrastructure/overlays/*/kustomization.yaml `images:` must be pushed, and a private package needs an imagePullSecret.",
        });
      }
    }
  }
  return { findings, crashing };
};

export const crashFinding = (
  crash: CrashingContainer,
  namespace: string,
  logTail: readonly string[],
): Finding => ({
  symptom: "Pod CrashLoopBackOff",
  subject: `pod/${crash.pod} container ${crash.container}`,
  evidence: [...crash.evidence, ...logTail.map((line) => `log: ${line}`)],
  check: `kubectl logs ${crash.pod} -c ${crash.container} -n ${namespace} --previous`,
  fix: "Fix application error: the previous container's last log lines above say why it exits (bad config or secret, database unreachable, failed migration).",
});

export const checkPending = (pods: readonly Pod[], namespace: string): Finding[] =>
  pods
    .filter((pod) => pod.status?.phase === "Pending")
    .flatMap((pod) => {
      const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
      // A scheduled pod that is still pulling or starting is not stuck; only unschedulable ones are.
      if (scheduled?.status !== "False") return [];
      return [
        {
          symptom: "Pending pods",
          subject: `pod/${pod.metadata.name}`,
          evidence: [`not scheduled: ${scheduled.reason ?? "?"}: ${scheduled.message ?? "no message"}`],
          check: `kubectl describe pod ${pod.metadata.name} -n ${namespace}`,
          fix: "Check resource limits, PDB: lower the pod's requests or add capacity; check PersistentVolumeClaims are bound and no PodDisruptionBudget blocks a drain.",
        },
      ];
    });

const matches = (selector: Record<string, string>, labels: Record<string, string> | undefined): boolean =>
  Object.entries(selector).every(([key, value]) => labels?.[key] === value);

/** Services that select pods but have no ready endpoint: Traefik answers 502 for them. */
export const checkEndpoints = (
  services: readonly Service[],
  endpoints: readonly Endpoints[],
  pods: readonly Pod[],
  namespace: string,
): Finding[] => {
  const byName = new Map(endpoints.map((e) => [e.metadata.name, e]));
  const findings: Finding[] = [];
  for (const service of services) {
    const selector = service.spec?.selector;
    if (!selector || Object.keys(selector).length === 0 || service.spec?.type === "ExternalName") continue;
    const subsets = byName.get(service.metadata.name)?.subsets ?? [];
    const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
    if (ready > 0) continue;
    const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
    const selected = pods.filter((pod) => matches(selector, pod.metadata.labels)).length;
    const selectorText = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    findings.push({
      symptom: "502 Bad Gateway",
      subject: `service/${service.metadata.name}`,
      evidence: [
        `no ready endpoints (${notReady} not ready)`,
        `selector ${selectorText} matches ${selected} pod(s)`,
      ],
      check: `kubectl get endpoints ${service.metadata.name} -n ${namespace}`,
      fix:
        selected === 0
          ? "Check service selector match: no pod carries these labels; make the Service selector and the Deployment's pod labels agree."
          : "Check service selector match: the selected pods are not ready; see their readiness probe failures with kubectl describe pod.",
    });
  }
  return findings;
};

const ACME = /acme|certificate|letsencrypt|certresolver/i;
const ERROR = /level=error|"level":"error"|\bERR\b|\berror\b/i;

export const checkTraefikLogs = (log: string): Finding[] => {
  const lines = [...new Set(log.split("\n").filter((line) => ACME.test(line) && ERROR.test(line)))];
  if (lines.length === 0) return [];
  return [
    {
      symptom: "TLS certificate error",
      subject: "traefik (kube-system)",
      evidence: [
        `${lines.length} ACME error line(s) in recent logs, latest:`,
        ...lines.slice(-5).map((l) => l.slice(0, 400)),
      ],
      check: "kubectl logs -n kube-system -l app.kubernetes.io/name=traefik",
      fix: "Check ACME resolver config: the letsencrypt resolver's email and storage, the DNS A record pointing at this server, and ports 80/443 reachable for the challenge.",
    },
  ];
};

export const checkArgo = (apps: readonly ArgoApp[]): Finding[] =>
  apps
    .filter((app) => app.status?.sync?.status !== "Synced")
    .map((app) => {
      const drifted = (app.status?.resources ?? []).filter((r) => r.status === "OutOfSync");
      return {
        symptom: "ArgoCD OutOfSync",
        subject: `application/${app.metadata.name}`,
        evidence: [
          `sync: ${app.status?.sync?.status ?? "Unknown"}, health: ${app.status?.health?.status ?? "Unknown"}, revision ${app.status?.sync?.revision ?? "?"}`,
          ...drifted.slice(0, 10).map((r) => `out of sync: ${r.kind ?? "?"}/${r.name ?? "?"}`),
        ],
        check: `argocd app diff ${app.metadata.name}`,
        fix: `Check git, sync manually: is the change pushed to the tracked branch? Then argocd app sync ${app.metadata.name}.`,
      };
    });
