import { describe, expect, it } from "vitest";
import { type Endpoint, inCidr, isAllowed, matchesSelector, type Policy } from "./network-policy";

const pod = (
  id: string,
  namespace: string,
  labels: Record<string, string>,
  ports: Endpoint["ports"] = [],
): Endpoint => ({
  id,
  ip: `10.42.0.${id.length + 10}`,
  pod: { namespace, namespaceLabels: { "kubernetes.io/metadata.name": namespace, team: namespace }, labels },
  ports,
});

const policy = (name: string, spec: Policy["spec"]): Policy =>
  ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace: "app" },
    spec,
  }) as Policy;

const web = pod("web", "app", { role: "web" }, [
  { name: "http", port: 8080, protocol: "TCP" },
  { name: "admin", port: 9000, protocol: "TCP" },
]);
const client = pod("client", "app", { role: "client" });
const foreign = pod("foreign", "other", { role: "client" });

describe("matchesSelector", () => {
  it("implements matchLabels and every matchExpressions operator", () => {
    const labels = { app: "api", tier: "backend" };
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: "api" } }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: "web" } }, labels)).toBe(false);
    expect(
      matchesSelector({ matchExpressions: [{ key: "app", operator: "In", values: ["api", "x"] }] }, labels),
    ).toBe(true);
    expect(
      matchesSelector({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["api"] }] }, labels),
    ).toBe(false);
    expect(
      matchesSelector({ matchExpressions: [{ key: "gone", operator: "NotIn", values: ["api"] }] }, labels),
    ).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: "tier", operator: "Exists" }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, labels)).toBe(
      false,
    );
  });
});

describe("inCidr", () => {
  it("matches addresses inside the block only", () => {
    expect(inCidr("10.42.3.4", "10.0.0.0/8")).toBe(true);
    expect(inCidr("11.0.0.1", "10.0.0.0/8")).toBe(false);
    expect(inCidr("203.0.113.10", "0.0.0.0/0")).toBe(true);
    expect(inCidr("192.168.1.1", "192.168.1.1/32")).toBe(true);
    expect(inCidr("172.32.0.1", "172.16.0.0/12")).toBe(false);
  });
});

describe("isAllowed", () => {
  it("allows everything when no policy selects either side", () => {
    expect(isAllowed([], client, web, 9000)).toBe(true);
  });

  it("isolates a selected pod and resolves named ports on the destination", () => {
    const policies = [
      policy("web-http", {
        podSelector: { matchLabels: { role: "web" } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { role: "client" } } }], ports: [{ port: "http" }] },
        ],
      }),
    ];
    expect(isAllowed(policies, client, web, 8080)).toBe(true);
    expect(isAllowed(policies, client, web, 9000)).toBe(false);
    expect(isAllowed(policies, client, web, 8080, "UDP")).toBe(false);
    // A podSelector alone only matches pods of the policy's own namespace.
    expect(isAllowed(policies, foreign, web, 8080)).toBe(false);
  });

  it("ANDs namespaceSelector and podSelector in one peer but ORs separate peers", () => {
    const together = [
      policy("and", {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: "other" } },
                podSelector: { matchLabels: { role: "x" } },
              },
            ],
          },
        ],
      }),
    ];
    expect(isAllowed(together, foreign, web, 8080)).toBe(false);
    const apart = [
      policy("or", {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { team: "other" } } },
              { podSelector: { matchLabels: { role: "x" } } },
            ],
          },
        ],
      }),
    ];
    expect(isAllowed(apart, foreign, web, 8080)).toBe(true);
  });

  it("needs the source's egress too, with ipBlock exceptions and port ranges", () => {
    const internet: Endpoint = { id: "internet", ip: "203.0.113.10", ports: [] };
    const vpc: Endpoint = { id: "vpc", ip: "10.0.0.5", ports: [] };
    const policies = [
      policy("egress", {
        podSelector: { matchLabels: { role: "client" } },
        egress: [
          {
            to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }],
            ports: [{ port: 8000, endPort: 8100 }],
          },
        ],
      }),
    ];
    expect(isAllowed(policies, client, internet, 8050)).toBe(true);
    expect(isAllowed(policies, client, internet, 8101)).toBe(false);
    expect(isAllowed(policies, client, vpc, 8050)).toBe(false);
    // Pod IPs (10.42/16) fall in the exception, so the egress rule does not reach web either.
    expect(isAllowed(policies, client, web, 8080)).toBe(false);
    // Without policyTypes, a policy with an egress section isolates both directions.
    expect(isAllowed(policies, web, client, 8080)).toBe(false);
  });
});
