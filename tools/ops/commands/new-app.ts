import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isSeq, parse, parseDocument } from "yaml";
import { isMain, runMain } from "../lib/db-target-exec";
import { writeFileAtomic } from "../lib/fs-atomic";
import { NewAppError, validateDomain, validateName, validatePort } from "../lib/new-app-validate";

const TEMPLATES = fileURLToPath(new URL("../templates/new-app/", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const OVERLAY = "infrastructure/overlays/prod/kustomization.yaml";

interface Values {
  readonly name: string;
  readonly domain: string;
  readonly port: number;
  readonly apiHost: string;
}

const render = (template: string, values: Values): string =>
  template
    .replaceAll("__NAME__", values.name)
    .replaceAll("__DOMAIN__", values.domain)
    .replaceAll("__PORT__", String(values.port))
    .replaceAll("__API_HOST__", values.apiHost);

/** Every template file below `dir`, as paths relative to it. */
const templateFiles = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(".tmpl"))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));

/** Tag of a new app's image until the deploy workflow's first build replaces it. */
export const PLACEHOLDER_TAG = "sha-0000000";

/**
 * The prod overlay with `../../apps/NAME` added after the other apps and the app's image under
 * `images:` (which is what makes the deploy workflow build and tag it); comments and layout survive.
 */
export const addToOverlay = (text: string, name: string): string => {
  const doc = parseDocument(text);
  const resources = doc.get("resources");
  if (!isSeq(resources)) throw new NewAppError(`${OVERLAY} has no resources: list to add the app to.`);
  const entry = `../../apps/${name}`;
  const values = resources.items.map((item) => String(doc.createNode(item).toJSON()));
  if (values.includes(entry)) throw new NewAppError(`${OVERLAY} already lists ${entry}.`);
  const lastApp = values.findLastIndex((value) => value.startsWith("../../apps/"));
  resources.items.splice(lastApp + 1, 0, doc.createNode(entry));
  const images = doc.get("images");
  if (!isSeq(images)) throw new NewAppError(`${OVERLAY} has no images: list to add the app's image to.`);
  const image = `ghcr.io/parametric-portal/${name}`;
  const names = images.items.map((item) => (doc.createNode(item).toJSON() as { name?: unknown }).name);
  if (names.includes(image)) throw new NewAppError(`${OVERLAY} already lists the image ${image}.`);
  images.items.push(doc.createNode({ name: image, newTag: PLACEHOLDER_TAG }));
  return doc.toString();
};

const apiHost = async (root: string): Promise<string> => {
  const file = path.join(root, "infrastructure/overlays/prod/hosts.yaml");
  if (!existsSync(file)) return "api.parametric-portal.com";
  const doc: unknown = parse(await readFile(file, "utf8"));
  const host = (doc as { data?: { API_HOST?: unknown } } | null)?.data?.API_HOST;
  return typeof host === "string" ? host : "api.parametric-portal.com";
};

export const createApp = async (root: string, values: Omit<Values, "apiHost">): Promise<string[]> => {
  const all: Values = { ...values, apiHost: await apiHost(root) };
  const targets = [
    { from: path.join(TEMPLATES, "app"), to: path.join(root, "apps", values.name) },
    { from: path.join(TEMPLATES, "infrastructure"), to: path.join(root, "infrastructure/apps", values.name) },
  ];
  for (const { to } of targets) {
    if (existsSync(to)) throw new NewAppError(`${to} already exists; new-app never overwrites.`);
  }
  const overlayPath = path.join(root, OVERLAY);
  if (!existsSync(overlayPath))
    throw new NewAppError(`${overlayPath} does not exist; is --root the repository?`);
  // Everything is rendered and checked before the first write, so a refusal changes nothing.
  const overlay = addToOverlay(await readFile(overlayPath, "utf8"), values.name);
  const files: { file: string; text: string }[] = [];
  for (const { from, to } of targets) {
    for (const relative of await templateFiles(from)) {
      files.push({
        file: path.join(to, relative.replace(/\.tmpl$/, "")),
        text: render(await readFile(path.join(from, relative), "utf8"), all),
      });
    }
  }
  for (const { file, text } of files) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: "wx" });
  }
  // The overlay is tracked and deployed: replace it whole or not at all.
  writeFileAtomic(overlayPath, overlay);
  return [...files.map(({ file }) => file), overlayPath];
};

export const main = async (argv: readonly string[]): Promise<number> => {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    // Node's parser appends advice about "--" that does not apply to this command.
    const reason = (error as Error).message.split(". To specify")[0];
    throw new NewAppError(`${reason}. usage: mise run new-app NAME --domain HOST [--port PORT] [--root DIR]`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new NewAppError(`One app name expected, got: ${positionals.join(" ")}`);
  const root = path.resolve(values.root ?? REPO_ROOT);
  const name = validateName(positionals[0], root);
  const domain = validateDomain(values.domain, root);
  const port = validatePort(values.port);
  const written = await createApp(root, { name, domain, port });
  for (const file of written) console.log(`  wrote ${path.relative(root, file)}`);
  console.log(`
Next steps (manual §6.1):
  1. pnpm install                      (registers @parametric-portal/${name} in pnpm-lock.yaml)
  2. Add a DNS A record: ${domain} -> the VPS IP
  3. Commit and push: the deploy workflow builds ghcr.io/<owner>/${name} from apps/${name}/Dockerfile,
     replaces its ${PLACEHOLDER_TAG} tag in ${OVERLAY}, and Argo CD deploys it.`);
  return 0;
};

const OPTIONS = {
  domain: { type: "string" },
  port: { type: "string" },
  root: { type: "string" },
} as const;

if (isMain(import.meta.url)) runMain(() => main(process.argv.slice(2)));
