import { execFileSync } from "node:child_process";
import { appendFileSync, realpathSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/** The deployable images, keyed by image name (identical to the manifests' image names). */
export const APPS = {
  api: { project: "@parametric-portal/api", root: "apps/api/" },
  "parametric-icons": { project: "@parametric-portal/parametric-icons", root: "apps/parametric-icons/" },
} as const;

export type ImageName = keyof typeof APPS;
const ALL = Object.keys(APPS) as ImageName[];

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
const BUNDLE_SCRIPT = /^tools\/ops\/src\/docker-bundle-(.+)\.sh$/;

/** Maps changed repository paths to the images that must be rebuilt; docs, infra and CI changes map to none. */
export const imagesForFiles = (files: readonly string[]): ImageName[] => {
  const hit = new Set<ImageName>();
  for (const file of files) {
    if (SHARED.some((pattern) => pattern.test(file))) return [...ALL];
    for (const image of ALL) if (file.startsWith(APPS[image].root)) hit.add(image);
    const bundle = BUNDLE_SCRIPT.exec(file)?.[1];
    if (bundle && bundle in APPS) hit.add(bundle as ImageName);
  }
  return ALL.filter((image) => hit.has(image));
};

/** Maps Nx project names (from `nx show projects --affected`) to image names; other projects build no image. */
export const imagesForProjects = (projects: readonly string[]): ImageName[] =>
  ALL.filter((image) => projects.includes(APPS[image].project));

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const run = (command: string, args: string[]): string =>
  execFileSync(command, args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

/** Paths changed since `base` (from their merge base, so a base that is ahead of head yields nothing). */
export const changedFiles = (base: string, head: string): string[] =>
  run("git", ["diff", "--name-only", `${base}...${head}`])
    .split("\n")
    .filter((line) => line.length > 0);

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

/** Both signals: Nx's project graph, plus the path rules for files Nx does not attribute to a project. */
export const affectedImages = (base: string | undefined, head: string): ImageName[] => {
  if (!base) return [...ALL];
  const images = new Set([
    ...imagesForFiles(changedFiles(base, head)),
    ...imagesForProjects(nxAffectedProjects(base, head)),
  ]);
  return ALL.filter((image) => images.has(image));
};

const usage =
  "Usage: affected-apps --head <sha> [--base <sha of the last deploy; omit to build every image>] [--files <path>...]";

export const main = (argv: readonly string[]): ImageName[] => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      base: { type: "string" },
      head: { type: "string", default: "HEAD" },
      files: { type: "string", multiple: true },
    },
    strict: true,
  });
  const images = values.files
    ? imagesForFiles(values.files)
    : affectedImages(values.base || undefined, values.head);
  // GitHub Actions reads step outputs from this file; elsewhere print for people and scripts.
  if (process.env.GITHUB_OUTPUT) {
    appendFileSync(
      process.env.GITHUB_OUTPUT,
      `images=${JSON.stringify(images)}\n${ALL.map((image) => `${image}=${images.includes(image)}`).join("\n")}\n`,
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
