// `mise run join-node --role server|agent [--server <address>]` (docs/operations.md §1.4):
// prints the version-pinned command that joins a new machine to this K3s cluster. Run it on the
// first server as root. The join token goes to stdout only (for the operator to copy), never to
// stderr or a file, because anyone holding it can join a node.
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const USAGE = "usage: mise run join-node --role server|agent [--server <this server's address>]";

/** versions.env is the bootstrap's single source of pinned versions (shell KEY=value lines). */
export function readPinnedVersions(path = resolve(REPO_ROOT, "infrastructure/bootstrap/versions.env")) {
  const entries = readFileSync(path, "utf8")
    .split("\n")
    .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[2]] as [string, string]);
  return Object.fromEntries(entries) as Record<string, string>;
}

const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

function detectAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((address) => address.family === "IPv4" && !address.internal);
    if (found !== undefined) return found.address;
  }
  return undefined;
}

function serverUrl(given: string | undefined): string {
  const address = given ?? detectAddress();
  if (address === undefined)
    throw new Error("cannot detect this server's address; pass --server <ip-or-hostname>.");
  let url: URL;
  try {
    url = new URL(/^https:\/\//.test(address) ? address : `https://${address}`);
  } catch {
    throw new Error(
      `--server ${JSON.stringify(address)} is not a host name or IP address; pass e.g. --server 10.0.0.5.`,
    );
  }
  if (url.port === "") url.port = "6443";
  if (url.pathname !== "/" || url.search !== "")
    throw new Error(`--server ${address} must be a host[:port].`);
  return url.origin;
}

export function joinNode(argv: string[], env: NodeJS.ProcessEnv): number {
  let values: { role?: string; server?: string };
  try {
    // Some mise versions forward a literal `--` separator; it is not an argument.
    ({ values } = parseArgs({
      args: argv[0] === "--" ? argv.slice(1) : argv,
      strict: true,
      options: { role: { type: "string" }, server: { type: "string" } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.role !== "server" && values.role !== "agent") {
    console.error(`--role must be "server" (control plane + etcd) or "agent" (workloads only).\n${USAGE}`);
    return 2;
  }
  const tokenPath = `${env.PP_ROOT ?? ""}/var/lib/rancher/k3s/server/node-token`;
  let token: string;
  let url: string;
  try {
    url = serverUrl(values.server);
    try {
      token = readFileSync(tokenPath, "utf8").trim();
    } catch {
      throw new Error(
        `cannot read ${tokenPath}: run this as root on the first server, after \`mise run setup-k3s\`.`,
      );
    }
    if (token === "") throw new Error(`${tokenPath} is empty; is K3s running? (systemctl status k3s)`);
  } catch (error) {
    console.error(`join-node: ${(error as Error).message}`);
    return 1;
  }

  const version = readPinnedVersions().K3S_VERSION;
  if (version === undefined) throw new Error("infrastructure/bootstrap/versions.env has no K3S_VERSION");
  // The installer is fetched from the same pinned tag; it verifies the k3s binary against the
  // release's sha256sum file before installing it.
  const installer = `https://raw.githubusercontent.com/k3s-io/k3s/${version.replace("+", "%2B")}/install.sh`;
  const envs = `INSTALL_K3S_VERSION=${shellQuote(version)} K3S_TOKEN=${shellQuote(token)}`;
  const command =
    values.role === "agent"
      ? `curl -sfL ${installer} | ${envs} K3S_URL=${shellQuote(url)} sh -s - agent`
      : `curl -sfL ${installer} | ${envs} sh -s - server --server ${shellQuote(url)}`;

  console.error(
    values.role === "server"
      ? "Adds a control-plane + etcd member. Keep an odd number of servers (1 -> 3): etcd needs a majority."
      : "Adds a worker. Workloads spread onto it; the database stays where its volume is (see docs §1.4).",
  );
  console.error(
    "Run the line below as root on the NEW node (Ubuntu 24.04). It contains the join token: do not log it.",
  );
  console.log(command);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = joinNode(process.argv.slice(2), process.env);
}
