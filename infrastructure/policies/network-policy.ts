import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import type { INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort";
import { type KubeObject, workloads } from "./manifests";

/**
 * Evaluates Kubernetes NetworkPolicy semantics (networking.k8s.io/v1) for one connection:
 * a pod is isolated for a direction once any policy selecting it lists that policy type; an
 * isolated pod accepts only what some rule of a selecting policy allows; a connection needs both
 * the source's egress and the destination's ingress to allow it. Named ports resolve against the
 * destination pod's container ports. Peers outside the cluster are plain IPs (matched by ipBlock).
 */

export type Protocol = "TCP" | "UDP" | "SCTP";

export interface NamedPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

export interface Endpoint {
  /** Display name in reachability tables. */
  id: string;
  ip: string;
  /** Absent for hosts outside the cluster (internet, node, API server VIP). */
  pod?: { namespace: string; namespaceLabels: Record<string, string>; labels: Record<string, string> };
  ports: NamedPort[];
}

export type Policy = KubeObject & INetworkPolicy;
type LabelSelector = INetworkPolicyPeer["podSelector"];

export function matchesSelector(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const value = labels[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case "In":
        if (value === undefined || !values.includes(value)) return false;
        break;
      case "NotIn":
        if (value !== undefined && values.includes(value)) return false;
        break;
      case "Exists":
        if (value === undefined) return false;
        break;
      case "DoesNotExist":
        if (value !== undefined) return false;
        break;
      default:
        throw new Error(`unknown label selector operator ${expression.operator}`);
    }
  }
  return true;
}

function ipv4ToNumber(ip: string): number {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) {
    throw new Error(`not an IPv4 address: ${ip}`);
  }
  return parts.reduce((sum, part) => sum * 256 + part, 0);
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  if (!base || !Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const size = 2 ** (32 - bits);
  const start = Math.floor(ipv4ToNumber(base) / size) * size;
  const address = ipv4ToNumber(ip);
  return address >= start && address < start + size;
}

function peerMatches(peer: INetworkPolicyPeer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) {
    if (!inCidr(other.ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((except) => inCidr(other.ip, except));
  }
  if (!other.pod) return false;
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, other.pod.namespaceLabels)) return false;
  } else if (other.pod.namespace !== policyNamespace) {
    return false;
  }
  return matchesSelector(peer.podSelector, other.pod.labels);
}

function portMatches(
  rulePort: INetworkPolicyPort,
  destination: Endpoint,
  port: number,
  protocol: Protocol,
): boolean {
  if ((rulePort.protocol ?? "TCP") !== protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === "string") {
    return destination.ports.some(
      (p) => p.name === rulePort.port && p.port === port && p.protocol === protocol,
    );
  }
  const end = rulePort.endPort ?? rulePort.port;
  return port >= rulePort.port && port <= end;
}

function ruleAllows(
  peers: INetworkPolicyPeer[] | undefined,
  ports: INetworkPolicyPort[] | undefined,
  policyNamespace: string,
  peer: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: Protocol,
): boolean {
  const peerOk = !peers || peers.length === 0 || peers.some((p) => peerMatches(p, policyNamespace, peer));
  const portOk =
    !ports || ports.length === 0 || ports.some((p) => portMatches(p, destination, port, protocol));
  return peerOk && portOk;
}

function policyTypes(policy: Policy): string[] {
  if (policy.spec?.policyTypes) return policy.spec.policyTypes;
  return policy.spec?.egress ? ["Ingress", "Egress"] : ["Ingress"];
}

function selecting(policies: readonly Policy[], endpoint: Endpoint, type: "Ingress" | "Egress"): Policy[] {
  const pod = endpoint.pod;
  if (!pod) return [];
  return policies.filter(
    (policy) =>
      (policy.metadata.namespace ?? "") === pod.namespace &&
      policyTypes(policy).includes(type) &&
      matchesSelector(policy.spec?.podSelector, pod.labels),
  );
}

/** Whether `source` may open a connection to `destination` on port/protocol under `policies`. */
export function isAllowed(
  policies: readonly Policy[],
  source: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: Protocol = "TCP",
): boolean {
  const egressPolicies = selecting(policies, source, "Egress");
  const egressOk =
    egressPolicies.length === 0 ||
    egressPolicies.some((policy) =>
      (policy.spec?.egress ?? []).some((rule) =>
        ruleAllows(
          rule.to,
          rule.ports,
          policy.metadata.namespace ?? "",
          destination,
          destination,
          port,
          protocol,
        ),
      ),
    );
  if (!egressOk) return false;
  const ingressPolicies = selecting(policies, destination, "Ingress");
  return (
    ingressPolicies.length === 0 ||
    ingressPolicies.some((policy) =>
      (policy.spec?.ingress ?? []).some((rule) =>
        ruleAllows(
          rule.from,
          rule.ports,
          policy.metadata.namespace ?? "",
          source,
          destination,
          port,
          protocol,
        ),
      ),
    )
  );
}

/**
 * Every allowed `source -> destination:port/protocol` among the endpoints, trying each port the
 * destination listens on. The result is sorted so it can be compared with an intended matrix.
 */
export function reachability(policies: readonly Policy[], endpoints: readonly Endpoint[]): string[] {
  const allowed: string[] = [];
  for (const source of endpoints) {
    for (const destination of endpoints) {
      if (source === destination) continue;
      for (const { port, protocol } of destination.ports) {
        if (isAllowed(policies, source, destination, port, protocol)) {
          allowed.push(`${source.id} -> ${destination.id}:${port}/${protocol}`);
        }
      }
    }
  }
  return allowed.sort();
}

/**
 * One endpoint per pod template in the rendered manifests (id = the template's
 * app.kubernetes.io/name), with pod IPs from K3s' default pod CIDR 10.42.0.0/16.
 */
export function workloadEndpoints(objects: readonly KubeObject[]): Endpoint[] {
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const object of objects) {
    if (object.kind === "Namespace") namespaceLabels.set(object.metadata.name, object.metadata.labels ?? {});
  }
  return workloads(objects).map((workload, index) => {
    const namespace = workload.object.metadata.namespace ?? "default";
    const ports: NamedPort[] = workload.spec.containers.flatMap((container) =>
      (container.ports ?? []).map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.containerPort,
        protocol: (p.protocol ?? "TCP") as Protocol,
      })),
    );
    return {
      id: workload.labels["app.kubernetes.io/name"] ?? workload.object.metadata.name,
      ip: `10.42.0.${index + 10}`,
      pod: {
        namespace,
        namespaceLabels: { ...namespaceLabels.get(namespace), "kubernetes.io/metadata.name": namespace },
        labels: workload.labels,
      },
      ports,
    };
  });
}
