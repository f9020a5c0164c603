import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildOverlay,
  infrastructureDir,
  type KubeObject,
  parseManifests,
  repoRoot,
  workloads,
} from "../policies/manifests";

// The operator's copy-paste commands in the manual must name what the prod overlay really creates:
// a renamed HPA or a wrong port only shows up during an incident otherwise.
const SECTIONS = ["1.3", "2.2", "2.3", "4.3", "7.1", "7.2", "7.3", "7.4"];
const PROD_NAMESPACE = "parametric-portal";
// Namespaces of cluster add-ons the bootstrap installs; their objects are not in the overlay.
const ADDON_NAMESPACES = new Set(["kube-system", "argocd"]);

const KINDS: Record<string, string> = {
  po: "Pod",
  pod: "Pod",
  pods: "Pod",
  deploy: "Deployment",
  deployment: "Deployment",
  deployments: "Deployment",
  sts: "StatefulSet",
  statefulset: "StatefulSet",
  statefulsets: "StatefulSet",
  job: "Job",
  jobs: "Job",
  cronjob: "CronJob",
  cronjobs: "CronJob",
  svc: "Service",
  service: "Service",
  services: "Service",
  ep: "Endpoints",
  endpoints: "Endpoints",
  hpa: "HorizontalPodAutoscaler",
  horizontalpodautoscaler: "HorizontalPodAutoscaler",
  netpol: "NetworkPolicy",
  networkpolicy: "NetworkPolicy",
  networkpolicies: "NetworkPolicy",
  ingressroute: "IngressRoute",
  ingressroutes: "IngressRoute",
  middleware: "Middleware",
  middlewares: "Middleware",
  tlsoption: "TLSOption",
  tlsoptions: "TLSOption",
  cm: "ConfigMap",
  configmap: "ConfigMap",
  secret: "Secret",
  secrets: "Secret",
  sealedsecret: "SealedSecret",
  pvc: "PersistentVolumeClaim",
  persistentvolumeclaim: "PersistentVolumeClaim",
};

/** The text of the manual sections `### [<id>][...]`, up to the next heading. */
function sections(markdown: string, ids: readonly string[]): string {
  return markdown
    .split(/^(?=#{2,3} \[)/m)
    .filter((part) => ids.some((id) => part.startsWith(`### [${id}]`)))
    .join("\n");
}

/** Every kubectl/argocd command: fenced lines (continuations joined, comments dropped) and inline code. */
function commands(text: string): string[] {
  const fenced = [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] ?? "")
      .replace(/\\\n\s*/g, " ")
      .split("\n")
      .map((line) =>
        line
          .replace(/\s+#.*$/, "")
          .replace(/\s+/g, " ")
          .trim(),
      ),
  );
  const inline = [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? "");
  return [...fenced, ...inline]
    .map((line) => line.split("|")[0]?.trim() ?? "")
    .filter((line) => /^(kubectl|argocd) /.test(line));
}

/** What in `command` does not exist in the built prod overlay (or the Argo CD ApplicationSet). */
function commandViolations(
  command: string,
  objects: readonly KubeObject[],
  apps: readonly string[],
): string[] {
  const problems: string[] = [];
  const words = command.split(/\s+/);
  const has = (kind: string, name?: string) =>
    kind === "Pod" || kind === "Endpoints"
      ? workloads(objects).some((w) => name === undefined || w.object.metadata.name === name)
      : objects.some(
          (o) =>
            (o.kind === kind || (kind === "Secret" && o.kind === "SealedSecret")) &&
            (name === undefined || o.metadata.name === name),
        );
  if (words[0] === "argocd") {
    // `argocd app <verb> <name>`; a flag in the name's place means the command names no app.
    const app = words[1] === "app" && !words[3]?.startsWith("-") ? words[3] : undefined;
    if (app && !app.includes("<") && !apps.includes(app))
      problems.push(`${command}: no Argo CD Application ${app}`);
    return problems;
  }
  const flag = (name: string, short?: string) => {
    const index = words.findIndex((w) => w === name || w === short);
    return index >= 0
      ? words[index + 1]
      : words.find((w) => w.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  // Pods of a Deployment or StatefulSet get generated names, so `logs`/`exec` need kind/name or -l.
  const target = words.slice(2, words.includes("--") ? words.indexOf("--") : undefined);
  const operands = target.filter(
    (w, i) => !w.startsWith("-") && !/^-[nlc]$|^--(namespace|selector|container)$/.test(target[i - 1] ?? ""),
  );
  if (
    ["logs", "exec"].includes(words[1] ?? "") &&
    operands.some((w) => !w.includes("/") && !w.includes("<"))
  ) {
    problems.push(`${command}: a bare pod name never matches a generated pod; use deployment/<name> or -l`);
  }
  const namespace = flag("--namespace", "-n");
  if (namespace === undefined || ADDON_NAMESPACES.has(namespace)) return problems;
  if (namespace !== PROD_NAMESPACE) return [`${command}: namespace ${namespace} is not ${PROD_NAMESPACE}`];
  // `get|describe|... <kind> [name]`, or `<kind>/<name>` anywhere.
  const verb = words[1] ?? "";
  const positional = words.slice(2).filter((w, i, all) => !w.startsWith("-") && !/^-/.test(all[i - 1] ?? ""));
  if (["get", "describe"].includes(verb) && positional[0] && !positional[0].includes("/")) {
    const kind = KINDS[positional[0].toLowerCase()];
    const name = positional[1];
    if (!kind) problems.push(`${command}: unknown kind ${positional[0]}`);
    else if (!has(kind, name))
      problems.push(`${command}: no ${kind}${name ? ` ${name}` : ""} in the prod overlay`);
  }
  for (const [, alias = "", name = ""] of command.matchAll(/(?:^|\s)([a-z]+)\/([a-z0-9-]+)(?=\s|$)/g)) {
    const kind = KINDS[alias];
    if (kind && !has(kind, name)) problems.push(`${command}: no ${kind} ${name} in the prod overlay`);
  }
  const selector = flag("--selector", "-l");
  if (selector) {
    const [key, value] = selector.split("=");
    if (!workloads(objects).some((w) => key && w.labels[key] === value)) {
      problems.push(`${command}: no pod labelled ${selector}`);
    }
  }
  for (const [, service = "", ns = "", port] of command.matchAll(
    /\b([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local(?::(\d+))?/g,
  )) {
    const found = objects.find((o) => o.kind === "Service" && o.metadata.name === service);
    const ports = ((found?.spec as { ports?: { port: number }[] } | undefined)?.ports ?? []).map(
      (p) => p.port,
    );
    if (ns !== PROD_NAMESPACE || !found) problems.push(`${command}: no Service ${service} in ${ns}`);
    else if (port && !ports.includes(Number(port)))
      problems.push(`${command}: Service ${service} has no port ${port}`);
  }
  return problems;
}

function applicationNames(): string[] {
  const path = resolve(infrastructureDir, "argocd/application.yaml");
  const [set] = parseManifests(readFileSync(path, "utf8"), path);
  const spec = set?.spec as {
    generators: { list?: { elements: Record<string, string>[] } }[];
    template: { metadata: { name: string } };
  };
  return spec.generators
    .flatMap((g) => g.list?.elements ?? [])
    .map((element) =>
      spec.template.metadata.name.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => element[key] ?? ""),
    );
}

const prod = buildOverlay("prod");
const apps = applicationNames();
const manual = readFileSync(resolve(repoRoot, "docs/operations.md"), "utf8");

describe("docs/operations.md commands name what the prod overlay creates", () => {
  const found = commands(sections(manual, SECTIONS));

  it("finds the operator commands of §1.3, §2.2, §2.3, §4.3 and §7.1-§7.4", () => {
    expect(found).toEqual(
      expect.arrayContaining([
        "kubectl describe hpa api-hpa -n parametric-portal",
        "kubectl scale deployment/api --replicas=5 -n parametric-portal",
        "kubectl describe pod -l app.kubernetes.io/name=api -n parametric-portal",
        "kubectl get networkpolicy -n parametric-portal",
        "kubectl get ingressroute -n parametric-portal",
        "kubectl get middleware -n parametric-portal",
        "argocd app get parametric-portal-prod",
      ]),
    );
    expect(found.some((c) => c.includes("icons.parametric-portal.svc.cluster.local:8080"))).toBe(true);
    expect(found.some((c) => c.includes("postgres.parametric-portal.svc.cluster.local"))).toBe(true);
  });

  it.each(found.map((command) => [command]))("%s", (command) => {
    expect(commandViolations(command, prod, apps)).toEqual([]);
  });
});

describe("command checks can fail", () => {
  it.each([
    ["kubectl describe hpa web-hpa -n parametric-portal", "no HorizontalPodAutoscaler web-hpa"],
    ["kubectl logs -f deployment/web -n parametric-portal", "no Deployment web"],
    ["kubectl get ingress -n parametric-portal", "unknown kind ingress"],
    ["kubectl get pods -n parametric", "namespace parametric is not parametric-portal"],
    ["kubectl describe pod -l app.kubernetes.io/name=web -n parametric-portal", "no pod labelled"],
    [
      "kubectl exec deployment/api -n parametric-portal -- wget http://icons.parametric-portal.svc.cluster.local:9090",
      "Service icons has no port 9090",
    ],
    [
      "kubectl exec deployment/api -n parametric-portal -- nslookup db.parametric-portal.svc.cluster.local",
      "no Service db",
    ],
    ["kubectl logs -n kube-system traefik", "a bare pod name never matches"],
    ["argocd app get parametric-portal-production", "no Argo CD Application parametric-portal-production"],
  ])("flags %s", (command, problem) => {
    expect(commandViolations(command, prod, apps).join("\n")).toContain(problem);
  });

  it("extracts continued lines from a fenced block and ignores other sections", () => {
    const text =
      "### [7.4][X]\n```bash\nkubectl exec -it deployment/api -n ns -- \\\n  nslookup x # why\n```\n### [8.1][Y]\n`kubectl get pods -n other`\n";
    expect(commands(sections(text, ["7.4"]))).toEqual([
      "kubectl exec -it deployment/api -n ns -- nslookup x",
    ]);
  });
});
