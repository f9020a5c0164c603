import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { overlaysDir } from "@parametric-portal/policies/manifests";
import { parseDocument } from "yaml";
import { writeFileAtomic } from "../lib/fs-atomic";

/**
 * `mise run set-domain <overlay> <domain>`: points an overlay at api.<domain> and icons.<domain>.
 * The overlay's hosts live only in its hosts.yaml; kustomize replacements carry them into the
 * IngressRoutes, TLS domains (Traefik's `letsencrypt` resolver issues one certificate per host,
 * so no wildcard is needed or allowed), the web app's CSP connect-src and the API's URLs.
 */

const usage =
  "usage: mise run set-domain <overlay> <domain> [--root DIR]   e.g. mise run set-domain prod example.com";
// hosts.yaml data key -> subdomain of DOMAIN.
const hostKeys = { api: "api", icons: "icons" } as const;

export class SetDomainError extends Error {}

/** A DNS name Let's Encrypt can issue for over HTTP/TLS-ALPN: lower-case labels, no wildcard. */
export function checkDomain(domain: string): string {
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
  const labels = domain.split(".");
  if (domain.includes("*")) {
    throw new SetDomainError(
      `"${domain}": wildcards cannot be issued by the HTTP/TLS-ALPN challenge; give a plain domain`,
    );
  }
  if (/[/:]/.test(domain))
    throw new SetDomainError(`"${domain}": give the bare domain, without scheme, port or path`);
  if (domain !== domain.toLowerCase()) throw new SetDomainError(`"${domain}": use lower case`);
  if (domain.length > 240 || labels.length < 2 || !labels.every((part) => label.test(part))) {
    throw new SetDomainError(
      `"${domain}" is not a domain name like example.com (letters, digits, hyphens, dots)`,
    );
  }
  return domain;
}

function hostsFile(overlayDir: string): string {
  return join(overlayDir, "hosts.yaml");
}

export function readHosts(overlayDir: string): Record<string, string> {
  const document = parseDocument(readFileSync(hostsFile(overlayDir), "utf8"));
  const data = document.toJS()?.data as Record<string, string> | undefined;
  if (!data) throw new SetDomainError(`${hostsFile(overlayDir)} has no data section`);
  return data;
}

/** Rewrites the overlay's hosts.yaml (keeping its comments) and returns the new hosts. */
export function setDomain(overlaysRoot: string, overlay: string, domain: string): Record<string, string> {
  checkDomain(domain);
  const overlayDir = resolve(overlaysRoot, overlay);
  const overlays = readdirSync(overlaysRoot).filter((name) =>
    existsSync(hostsFile(join(overlaysRoot, name))),
  );
  if (!overlays.includes(overlay)) {
    throw new SetDomainError(`unknown overlay "${overlay}"; choose one of: ${overlays.join(", ")}`);
  }
  const hosts = Object.fromEntries(
    Object.entries(hostKeys).map(([key, prefix]) => [key, `${prefix}.${domain}`]),
  );
  // Two overlays on one host would make Traefik route one environment's traffic to the other.
  for (const other of overlays.filter((name) => name !== overlay)) {
    const taken = Object.values(readHosts(join(overlaysRoot, other)));
    const clash = Object.values(hosts).find((host) => taken.includes(host));
    if (clash)
      throw new SetDomainError(`${clash} is already used by overlay "${other}"; pick another domain`);
  }
  const path = hostsFile(overlayDir);
  const document = parseDocument(readFileSync(path, "utf8"));
  for (const [key, host] of Object.entries(hosts)) document.setIn(["data", key], host);
  writeFileAtomic(path, document.toString());
  return hosts;
}

function main(args: string[]): void {
  let parsed: { values: { root?: string }; positionals: string[] };
  try {
    // --root points at another checkout (tests use a temporary copy).
    parsed = parseArgs({ args, options: { root: { type: "string" } }, allowPositionals: true });
  } catch (error) {
    throw new SetDomainError(`${(error as Error).message.split(". To specify")[0]}. ${usage}`);
  }
  const [overlay, domain, ...rest] = parsed.positionals;
  if (!overlay || !domain) throw new SetDomainError(`expected <overlay> and <domain>. ${usage}`);
  if (rest.length > 0) throw new SetDomainError(`unexpected argument ${rest[0]}. ${usage}`);
  const root = parsed.values.root;
  const overlays = root ? resolve(root, "infrastructure/overlays") : overlaysDir;
  if (!existsSync(overlays))
    throw new SetDomainError(`${overlays} does not exist; is --root the repository?`);
  const hosts = setDomain(overlays, overlay, domain);
  console.log(`overlay ${overlay}: ${Object.values(hosts).join(", ")}`);
  console.log(
    "Add DNS A records for these hosts, then commit; Argo CD syncs and Traefik requests certificates.",
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof SetDomainError ? error.message : error);
    process.exit(1);
  }
}
