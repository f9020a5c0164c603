import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export class NewAppError extends Error {
  override readonly name = "NewAppError";
}

// A DNS-1123 label that also starts with a letter (Service names are DNS-1035). 40 characters leave
// room for the longest derived name, `<name>-security-headers`, within label-value limits.
const NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const HOST_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** App names already taken: folders under apps/ and infrastructure/apps/, plus their Deployments. */
const takenNames = (root: string): Set<string> => {
  const taken = new Set<string>();
  for (const dir of ["apps", "infrastructure/apps"]) {
    const full = path.join(root, dir);
    if (!existsSync(full)) continue;
    for (const entry of readdirSync(full, { withFileTypes: true }))
      if (entry.isDirectory()) taken.add(entry.name);
  }
  // apps/parametric-icons deploys as `icons`.
  taken.add("icons");
  return taken;
};

export const validateName = (name: string | undefined, root: string): string => {
  if (name === undefined || name.startsWith("-")) {
    throw new NewAppError("usage: mise run new-app NAME --domain HOST [--port PORT] [--root DIR]");
  }
  if (!NAME.test(name)) {
    throw new NewAppError(
      `App name ${JSON.stringify(name)} is not valid: use 1-40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. billing-web).`,
    );
  }
  if (takenNames(root).has(name)) {
    throw new NewAppError(
      `An app named ${name} already exists (apps/${name} or infrastructure/apps/${name}); pick another name.`,
    );
  }
  return name;
};

/** Hosts already served by an IngressRoute of this repository. */
const takenHosts = (root: string): Set<string> => {
  const hosts = new Set<string>();
  const apps = path.join(root, "infrastructure/apps");
  if (!existsSync(apps)) return hosts;
  for (const app of readdirSync(apps)) {
    const file = path.join(apps, app, "ingressroute.yaml");
    if (!existsSync(file)) continue;
    for (const match of readFileSync(file, "utf8").matchAll(/Host\(`([^`]+)`\)/g)) {
      if (match[1]) hosts.add(match[1].toLowerCase());
    }
  }
  return hosts;
};

export const validateDomain = (domain: string | undefined, root: string): string => {
  if (domain === undefined || domain === "") {
    throw new NewAppError(
      "--domain is required: the app's public host name, e.g. --domain billing.example.com",
    );
  }
  const host = domain.toLowerCase().replace(/\.$/, "");
  if (host.includes("*")) {
    throw new NewAppError(
      `--domain ${domain}: wildcards are not supported; give one exact host name (e.g. app.example.com).`,
    );
  }
  const labels = host.split(".");
  if (
    host.length > 253 ||
    labels.length < 2 ||
    !labels.every((label) => HOST_LABEL.test(label)) ||
    /^\d+$/.test(labels.at(-1) ?? "")
  ) {
    throw new NewAppError(
      `--domain ${JSON.stringify(domain)} is not a valid host name: use dot-separated labels of letters, digits and hyphens with a top-level domain (e.g. app.example.com), no scheme, port or path.`,
    );
  }
  if (takenHosts(root).has(host)) {
    throw new NewAppError(
      `--domain ${host} is already served by another app's IngressRoute; pick another host.`,
    );
  }
  return host;
};

export const validatePort = (port: string | undefined): number => {
  const value = port ?? "8080";
  if (!/^\d+$/.test(value) || Number(value) < 1024 || Number(value) > 65535) {
    throw new NewAppError(
      `--port ${JSON.stringify(value)} must be a whole number from 1024 to 65535 (the pods run as non-root).`,
    );
  }
  return Number(value);
};
