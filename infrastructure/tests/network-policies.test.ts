import { describe, expect, it } from "vitest";
import { buildOverlay, type KubeObject } from "../policies/manifests";
import {
  type Endpoint,
  isAllowed,
  type Policy,
  reachability,
  workloadEndpoints,
} from "../policies/network-policy";

/** Pods and hosts outside the namespace that matter to it, as on a K3s node. */
function neighbours(): Endpoint[] {
  const pod = (
    id: string,
    namespace: string,
    labels: Record<string, string>,
    ip: string,
    ports: Endpoint["ports"],
  ) => ({
    id,
    ip,
    pod: { namespace, namespaceLabels: { "kubernetes.io/metadata.name": namespace }, labels },
    ports,
  });
  return [
    pod("traefik", "kube-system", { "app.kubernetes.io/name": "traefik" }, "10.42.0.2", []),
    pod("coredns", "kube-system", { "k8s-app": "kube-dns" }, "10.42.0.3", [
      { port: 53, protocol: "UDP" },
      { port: 53, protocol: "TCP" },
    ]),
    pod("metrics-server", "kube-system", { "k8s-app": "metrics-server" }, "10.42.0.4", [
      { port: 10250, protocol: "TCP" },
    ]),
    pod("prometheus", "monitoring", { "app.kubernetes.io/name": "prometheus" }, "10.42.0.5", []),
    pod("intruder", "default", { app: "intruder" }, "10.42.0.6", [{ port: 8080, protocol: "TCP" }]),
    {
      id: "internet",
      ip: "203.0.113.10",
      ports: [
        { port: 443, protocol: "TCP" },
        { port: 80, protocol: "TCP" },
      ],
    },
    { id: "kube-apiserver", ip: "10.43.0.1", ports: [{ port: 443, protocol: "TCP" }] },
  ];
}

const policiesOf = (objects: KubeObject[]) => objects.filter((o) => o.kind === "NetworkPolicy") as Policy[];

// Everything that may open a connection to or from the namespace; anything missing here is denied.
const intended = [
  "traefik -> api:4000/TCP",
  "traefik -> icons:8080/TCP",
  "prometheus -> api:9464/TCP",
  "api -> icons:8080/TCP",
  "api -> postgres:5432/TCP",
  "api -> coredns:53/UDP",
  "api -> coredns:53/TCP",
  "api -> internet:443/TCP",
  "api-migrate -> postgres:5432/TCP",
  "api-migrate -> coredns:53/UDP",
  "api-migrate -> coredns:53/TCP",
  "postgres-backup -> postgres:5432/TCP",
  "postgres-backup -> coredns:53/UDP",
  "postgres-backup -> coredns:53/TCP",
].sort();

describe.each([
  ["prod", "parametric-portal"],
  ["dev", "parametric-portal-dev"],
])("overlay %s NetworkPolicies", (overlay, namespace) => {
  const objects = buildOverlay(overlay);
  const policies = policiesOf(objects);
  const own = workloadEndpoints(objects);
  const endpoints = [...own, ...neighbours()];
  const byId = (id: string) => {
    const found = endpoints.find((e) => e.id === id);
    if (!found) throw new Error(`no endpoint ${id}`);
    return found;
  };

  it("derives the namespace's pods from the built workloads", () => {
    expect(own.map((e) => e.id).sort()).toEqual([
      "api",
      "api-migrate",
      "icons",
      "postgres",
      "postgres-backup",
    ]);
    expect(new Set(own.map((e) => e.pod?.namespace))).toEqual(new Set([namespace]));
  });

  it("allow exactly the intended connections to and from the namespace", () => {
    const ownIds = new Set(own.map((e) => e.id));
    const touchesNamespace = (line: string) => {
      const [source, destination] = line.split(/ -> |:/);
      return ownIds.has(source ?? "") || ownIds.has(destination ?? "");
    };
    expect(reachability(policies, endpoints).filter(touchesNamespace)).toEqual(intended);
  });

  it.each([
    ["icons", "postgres", 5432],
    ["internet", "postgres", 5432],
    ["internet", "api", 4000],
    ["traefik", "api", 9464],
    ["traefik", "postgres", 5432],
    ["intruder", "api", 4000],
    ["metrics-server", "icons", 8080],
    ["prometheus", "api", 4000],
    ["api", "kube-apiserver", 443],
    ["api", "internet", 80],
    ["api", "intruder", 8080],
    ["icons", "internet", 443],
    ["postgres", "internet", 443],
    ["api-migrate", "internet", 443],
  ])("deny %s -> %s:%i", (source, destination, port) => {
    expect(isAllowed(policies, byId(source), byId(destination), port)).toBe(false);
  });

  it("depends on the default deny for pods no other policy isolates", () => {
    const withoutDeny = policies.filter((p) => p.metadata.name !== "default-deny-all");
    expect(isAllowed(withoutDeny, byId("icons"), byId("internet"), 443)).toBe(true);
    expect(isAllowed(withoutDeny, byId("postgres"), byId("intruder"), 8080)).toBe(true);
  });
});

describe("dev and prod together", () => {
  it("keep each environment's pods away from the other's database", () => {
    const prod = buildOverlay("prod");
    const dev = buildOverlay("dev");
    const policies = [...policiesOf(prod), ...policiesOf(dev)];
    const find = (objects: KubeObject[], id: string) => workloadEndpoints(objects).find((e) => e.id === id)!;
    const devApi = { ...find(dev, "api"), ip: "10.42.1.10" };
    expect(isAllowed(policies, devApi, find(prod, "postgres"), 5432)).toBe(false);
    expect(isAllowed(policies, find(prod, "api"), { ...find(dev, "postgres"), ip: "10.42.1.12" }, 5432)).toBe(
      false,
    );
    expect(isAllowed(policies, find(prod, "api"), find(prod, "postgres"), 5432)).toBe(true);
  });
});
