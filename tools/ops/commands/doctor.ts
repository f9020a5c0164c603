import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { UsageError } from "../lib/db-target";
import { isMain, run, runMain } from "../lib/db-target-exec";
import { certificateExpiries } from "../lib/doctor-acme";
import {
  type ArgoApp,
  checkArgo,
  checkContainers,
  checkEndpoints,
  checkPending,
  checkTraefikLogs,
  crashFinding,
  type Endpoints,
  type Finding,
  type Pod,
  type Service,
} from "../lib/doctor-checks";

// Traefik renews 30 days before expiry; under this many days left, renewal has been failing.
const CERT_WARN_DAYS = 14;

class ClusterError extends Error {}

const tool = async (file: string, args: string[]): Promise<string> => {
  const result = await run({ file, args, env: {} });
  if (result.code !== 0)
    throw new ClusterError(`${file} ${args.join(" ")}: ${result.stderr.trim() || `exit ${result.code}`}`);
  return result.stdout;
};

const list = async <T>(args: string[]): Promise<T[]> => {
  const parsed = JSON.parse(await tool("kubectl", [...args, "-o", "json"])) as { items?: T[] };
  return parsed.items ?? [];
};

const lastLines = (text: string, n: number): string[] =>
  text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "")
    .slice(-n);

const onPath = (file: string): boolean =>
  spawnSync("sh", ["-c", `command -v ${file}`], { stdio: "ignore" }).status === 0;

interface Options {
  readonly namespace: string;
  readonly argoApp: string;
  readonly acmePath: string;
}

const argoApps = async (options: Options, warnings: string[]): Promise<ArgoApp[]> => {
  if (onPath("argocd")) {
    try {
      return [JSON.parse(await tool("argocd", ["app", "get", options.argoApp, "-o", "json"])) as ArgoApp];
    } catch (error) {
      warnings.push(
        `argocd app get failed (${(error as Error).message}); reading the Application object instead.`,
      );
    }
  }
  // Without a working CLI (not installed, not logged in), the Application object carries the same status.
  const apps = await list<ArgoApp>(["get", "applications.argoproj.io", "-n", "argocd"]);
  return apps.filter((app) => app.metadata.name === options.argoApp);
};

const certificates = async (acmePath: string, warnings: string[]): Promise<Finding[]> => {
  const pods = await list<Pod>(["get", "pods", "-n", "kube-system", "-l", "app.kubernetes.io/name=traefik"]);
  const pod = pods.find((p) => p.status?.phase === "Running");
  if (!pod) {
    warnings.push("No running Traefik pod in kube-system; certificate expiry not checked.");
    return [];
  }
  const acme = await tool("kubectl", ["exec", "-n", "kube-system", pod.metadata.name, "--", "cat", acmePath]);
  const expiries = certificateExpiries(acme);
  console.log("TLS certificates (Traefik acme.json):");
  if (expiries.length === 0) console.log("  none issued yet");
  const findings: Finding[] = [];
  for (const cert of expiries) {
    console.log(`  ${cert.domain}  notAfter ${cert.notAfter.toISOString()}  (${cert.daysLeft} days left)`);
    if (cert.daysLeft < CERT_WARN_DAYS) {
      findings.push({
        symptom: "TLS certificate error",
        subject: `certificate for ${cert.domain}`,
        evidence: [
          cert.daysLeft < 0
            ? `expired on ${cert.notAfter.toISOString()}`
            : `expires ${cert.notAfter.toISOString()}, in ${cert.daysLeft} days (Traefik renews at 30)`,
        ],
        check: "kubectl logs -n kube-system -l app.kubernetes.io/name=traefik",
        fix: "Check ACME resolver config: renewal is failing; the Traefik logs say why (DNS, ports 80/443, rate limits).",
      });
    }
  }
  console.log("");
  return findings;
};

const print = (finding: Finding): void => {
  console.log(`✗ ${finding.symptom}: ${finding.subject}`);
  for (const line of finding.evidence) console.log(`    evidence: ${line}`);
  console.log(`    check:    ${finding.check}`);
  console.log(`    fix:      ${finding.fix}\n`);
};

/** Runs each check; one that cannot run becomes a warning instead of hiding the others. */
const attempt = async (
  what: string,
  warnings: string[],
  check: () => Promise<Finding[]>,
): Promise<Finding[]> => {
  try {
    return await check();
  } catch (error) {
    warnings.push(`${what} not checked: ${(error as Error).message}`);
    return [];
  }
};

export const diagnose = async (options: Options): Promise<number> => {
  const ns = options.namespace;
  let pods: Pod[];
  try {
    pods = await list<Pod>(["get", "pods", "-n", ns]);
  } catch (error) {
    console.error(
      `doctor: cannot read the cluster (${(error as Error).message}). Check kubectl config current-context.`,
    );
    return 2;
  }
  console.log(`doctor: namespace ${ns}, ${pods.length} pod(s)\n`);
  const warnings: string[] = [];
  const { findings, crashing } = checkContainers(pods, ns);
  for (const crash of crashing) {
    const log = await tool("kubectl", [
      "logs",
      crash.pod,
      "-c",
      crash.container,
      "-n",
      ns,
      "--previous",
      "--tail=20",
    ]).catch((error: Error) => `(previous logs unavailable: ${error.message})`);
    findings.push(crashFinding(crash, ns, lastLines(log, 5)));
  }
  findings.push(...checkPending(pods, ns));
  findings.push(
    ...(await attempt("Service endpoints", warnings, async () =>
      checkEndpoints(
        await list<Service>(["get", "services", "-n", ns]),
        await list<Endpoints>(["get", "endpoints", "-n", ns]),
        pods,
        ns,
      ),
    )),
  );
  findings.push(
    ...(await attempt("Traefik logs", warnings, async () =>
      checkTraefikLogs(
        await tool("kubectl", [
          "logs",
          "-n",
          "kube-system",
          "-l",
          "app.kubernetes.io/name=traefik",
          "--tail=500",
        ]),
      ),
    )),
  );
  findings.push(
    ...(await attempt("Argo CD sync", warnings, async () => checkArgo(await argoApps(options, warnings)))),
  );
  findings.push(
    ...(await attempt("Certificate expiry", warnings, () => certificates(options.acmePath, warnings))),
  );
  for (const finding of findings) print(finding);
  for (const warning of warnings) console.log(`! ${warning}`);
  if (findings.length === 0) {
    console.log("Healthy: none of the §7.1 symptoms found.");
    return 0;
  }
  console.log(`${findings.length} problem(s) found.`);
  return 1;
};

export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const usage = "usage: mise run doctor [--namespace NS] [--app ARGO_APP]";
  let values: { namespace?: string; app?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { namespace: { type: "string", short: "n" }, app: { type: "string" } },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split(". To specify")[0]}. ${usage}`);
  }
  const namespace = values.namespace ?? env.K8S_NAMESPACE ?? "parametric-portal";
  // A Kubernetes namespace is a DNS-1123 label; anything else would only produce kubectl noise.
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) {
    throw new UsageError(
      `namespace ${JSON.stringify(namespace)} (--namespace or K8S_NAMESPACE) is not a Kubernetes namespace name: use lower-case letters, digits and '-', e.g. parametric-portal.`,
    );
  }
  const argoApp =
    values.app ?? (namespace.endsWith("-dev") ? "parametric-portal-dev" : "parametric-portal-prod");
  return diagnose({ namespace, argoApp, acmePath: env.TRAEFIK_ACME_PATH ?? "/data/acme.json" });
};

if (isMain(import.meta.url)) runMain(() => main(process.argv.slice(2), process.env));
