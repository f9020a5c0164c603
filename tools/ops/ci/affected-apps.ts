import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parse } from "yaml";

export interface DeployableApp {
  /** The Nx project (package.json `name`) whose affected status rebuilds the image. */
  readonly project: string;
  /** The app folder, with a trailing slash; its Dockerfile builds the image. */
  readonly root: string;
}

/** Image name (the last part of ghcr.io/parametric-portal/<image>, identical to apps/<image>/). */
export type ImageName = string;

export const PROD_KUSTOMIZATION = "infrastructure/overlays/prod/kustomization.yaml";
const OWN_IMAGES = "ghcr.io/parametric-portal/";

export class DeployableAppsError extends Error {
  override readonly name = "DeployableAppsError";
}

/**
 * The images the deploy workflow builds and tags, derived rather than listed by hand: every
 * ghcr.io/parametric-portal/<image> in the production overlay's `images:` is built from
 * apps/<image>/Dockerfile. `mise run new-app` adds both, so a new app deploys without workflow edits.
 */
export const deployableApps = (root: string): Record<ImageName, DeployableApp> => {
  const file = path.join(root, PROD_KUSTOMIZATION);
  const overlay = parse(readFileSync(file, "utf8")) as { images?: { name?: unknown }[] } | null;
  const apps: Record<ImageName, DeployableApp> = {};
  for (const entry of overlay?.images ?? []) {
    const name = typeof entry.name === "string" ? entry.name : "";
    if (!name.startsWith(OWN_IMAGES)) continue;
    const image = name.slice(OWN_IMAGES.length);
    const appRoot = `apps/${image}/`;
    const fix = `add ${appRoot}Dockerfile and ${appRoot}package.json, or remove ${name} from ${PROD_KUSTOMIZATION}`;
    if (!existsSync(path.join(root, appRoot, "Dockerfile"))) {
      throw new DeployableAppsError(
        `${PROD_KUSTOMIZATION} lists ${name} but ${appRoot}Dockerfile does not exist: ${fix}.`,
      );
    }
    const manifest = path.join(root, appRoot, "package.json");
    const project: unknown = existsSync(manifest)
      ? (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name
      : undefined;
    if (typeof project !== "string") {
      throw new DeployableAppsError(
        `${PROD_KUSTOMIZATION} lists ${name} but ${appRoot}package.json has no name: ${fix}.`,
      );
    }
    apps[image] = { project, root: appRoot };
  }
  if (Object.keys(apps).length === 0) {
    throw new DeployableAppsError(`${PROD_KUSTOMIZATION} has no ${OWN_IMAGES}<app> entry under images:.`);
  }
  return apps;
};

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** This repository's deployable images. */
export const APPS: Readonly<Record<ImageName, DeployableApp>> = deployableApps(repoRoot);

/**
 * Files outside the app folders that still go into every image: shared packages, the workspace
 * manifests and lockfile, the compiler settings and the Docker build context rules.
 */
const SHARED = [
  /^packages\//,
  /^package\.json$/,
  /^pnpm-lock\.yaml$/,
  /^pnpm-workspace\.yaml$/,
  /^\.npmrc$/,
  /^tsconfig\.base\.json$/,
  /^\.dockerignore$/,
];

/** The per-app build step shared by each Dockerfile and its test. */
const BUNDLE_SCRIPT = /^tools\/ops\/docker\/docker-bundle-(.+)\.sh$/;

/** Maps changed repository paths to the images that must be rebuilt; docs, infra and CI changes map to none. */
export const imagesForFiles = (files: readonly string[], apps = APPS): ImageName[] => {
  const all = Object.keys(apps);
  const hit = new Set<ImageName>();
  for (const file of files) {
    if (SHARED.some((pattern) => pattern.test(file))) return all;
    for (const [image, app] of Object.entries(apps)) if (file.startsWith(app.root)) hit.add(image);
    const bundle = BUNDLE_SCRIPT.exec(file)?.[1];
    if (bundle && Object.hasOwn(apps, bundle)) hit.add(bundle);
  }
  return all.filter((image) => hit.has(image));
};

/** Maps Nx project names (from `nx show projects --affected`) to image names; other projects build no image. */
export const imagesForProjects = (projects: readonly string[], apps = APPS): ImageName[] =>
  Object.entries(apps)
    .filter(([, app]) => projects.includes(app.project))
    .map(([image]) => image);

const run = (command: string, args: string[], cwd = repoRoot): string =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

/** Paths changed since `base` (from their merge base, so a base that is ahead of head yields nothing). */
export const changedFiles = (base: string, head: string, cwd = repoRoot): string[] =>
  run("git", ["diff", "--name-only", `${base}...${head}`], cwd)
    .split("\n")
    .filter((line) => line.length > 0);

export const DEPLOY_SUBJECT = "deploy: update tags";
const BUILT_FROM = /^Built from ([0-9a-f]{40})\.$/m;

/**
 * The source commit the last deploy built: the `Built from <sha>.` line of the newest
 * "deploy: update tags" commit on `ref`. Not the tag commit itself: it is pushed on top of the main
 * of its day, which may already hold later commits whose own deploys are still to come (X and Y
 * pushed, X's deploy lands on top of Y: Y then looked deployed although no image was built from it).
 * Undefined when there is no deploy yet, or its source is missing or unknown (build every image).
 */
export const lastDeployedSource = (ref: string, cwd = repoRoot): string | undefined => {
  const body = run("git", ["log", ref, "-1", "--format=%B", `--grep=^${DEPLOY_SUBJECT}$`], cwd);
  const source = BUILT_FROM.exec(body)?.[1];
  if (!source) return undefined;
  const known = spawnSync("git", ["cat-file", "-e", `${source}^{commit}`], { cwd, stdio: "ignore" });
  return known.status === 0 ? source : undefined;
};

/** True when `head` is `source` or one of its ancestors, i.e. already built by that deploy. */
const containedIn = (head: string, source: string, cwd: string): boolean =>
  spawnSync("git", ["merge-base", "--is-ancestor", head, source], { cwd, stdio: "ignore" }).status === 0;

export const nxAffectedProjects = (base: string, head: string): string[] =>
  JSON.parse(
    run("pnpm", [
      "exec",
      "nx",
      "show",
      "projects",
      "--affected",
      `--base=${base}`,
      `--head=${head}`,
      "--json",
    ]),
  ) as string[];

export interface AffectedOptions {
  readonly cwd?: string;
  readonly apps?: Readonly<Record<ImageName, DeployableApp>>;
  /** Nx's affected projects; replaceable for a throwaway repository that has no Nx workspace. */
  readonly nxProjects?: (base: string, head: string) => string[];
}

/** Both signals: Nx's project graph, plus the path rules for files Nx does not attribute to a project. */
export const affectedImages = (
  base: string | undefined,
  head: string,
  { cwd = repoRoot, apps = APPS, nxProjects = nxAffectedProjects }: AffectedOptions = {},
): ImageName[] => {
  const all = Object.keys(apps);
  if (!base) return all;
  const images = new Set([
    ...imagesForFiles(changedFiles(base, head, cwd), apps),
    ...imagesForProjects(nxProjects(base, head), apps),
  ]);
  return all.filter((image) => images.has(image));
};

/**
 * What the deploy of `head` must build: everything affected since the source of the last deploy on
 * `ref` (see lastDeployedSource); nothing when that deploy already built `head` or a descendant of it
 * (deploys finished out of order); every image when there was no deploy yet.
 */
export const imagesSinceLastDeploy = (
  ref: string,
  head: string,
  options: AffectedOptions = {},
): ImageName[] => {
  const cwd = options.cwd ?? repoRoot;
  const source = lastDeployedSource(ref, cwd);
  if (source && containedIn(head, source, cwd)) return [];
  return affectedImages(source, head, options);
};

const usage =
  "Usage: affected-apps --head <sha> [--since-deploy <ref with the deploy commits, e.g. origin/main> | --base <sha; omit both to build every image>] [--files <path>...]";

export const main = (argv: readonly string[]): ImageName[] => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      base: { type: "string" },
      head: { type: "string", default: "HEAD" },
      "since-deploy": { type: "string" },
      files: { type: "string", multiple: true },
    },
    strict: true,
  });
  const since = values["since-deploy"];
  if (since && values.base) throw new DeployableAppsError("Give --since-deploy or --base, not both.");
  const images = values.files
    ? imagesForFiles(values.files)
    : since
      ? imagesSinceLastDeploy(since, values.head)
      : affectedImages(values.base || undefined, values.head);
  // GitHub Actions reads step outputs from this file; elsewhere print for people and scripts.
  if (process.env.GITHUB_OUTPUT) {
    appendFileSync(
      process.env.GITHUB_OUTPUT,
      `images=${JSON.stringify(images)}\n${Object.keys(APPS)
        .map((image) => `${image}=${images.includes(image)}`)
        .join("\n")}\n`,
    );
  }
  console.log(JSON.stringify(images));
  return images;
};

// Node runs the real path of a symlinked script, so compare real paths.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`affected-apps: ${(error as Error).message}\n${usage}`);
    process.exit(1);
  }
}
