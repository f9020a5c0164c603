import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { APPS, type ImageName } from "../ci/affected-apps";
import { DEFAULT_OWNER, REGISTRY } from "../ci/update-image-tags";

export class DockerBuildError extends Error {
  override readonly name = "DockerBuildError";
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const isImage = (name: string): name is ImageName => Object.hasOwn(APPS, name);

/** The exact `docker` arguments for a local build of one image, run from the repository root. */
export const buildArgs = (image: ImageName, env: NodeJS.ProcessEnv = process.env): string[] => {
  const args = [
    "buildx",
    "build",
    "-f",
    `${APPS[image]?.root}Dockerfile`,
    "-t",
    `${REGISTRY}/${DEFAULT_OWNER}/${image}:dev`,
  ];
  // The web app bakes its API origin in at build time; without it the Dockerfile's local default applies.
  if (image === "parametric-icons" && env.VITE_API_URL)
    args.push("--build-arg", `VITE_API_URL=${env.VITE_API_URL}`);
  // --load puts the result in the local image store whichever Buildx driver is active.
  args.push("--load", ".");
  return args;
};

const probe = (args: string[]): { missing: boolean; ok: boolean } => {
  const result = spawnSync("docker", args, { stdio: "ignore", timeout: 30_000 });
  return {
    missing: (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT",
    ok: result.status === 0,
  };
};

/** Fails with one sentence saying what is missing, before a long build could fail obscurely. */
export const checkDocker = (): void => {
  const info = probe(["info"]);
  if (info.missing) {
    throw new DockerBuildError(
      "The docker command is not installed: install Docker Engine with the Buildx plugin.",
    );
  }
  if (!info.ok) {
    throw new DockerBuildError(
      "No Docker engine is reachable (`docker info` failed): start Docker or point DOCKER_HOST at a running engine.",
    );
  }
  if (!probe(["buildx", "version"]).ok) {
    throw new DockerBuildError(
      "Docker Buildx is missing (`docker buildx version` failed): install the docker-buildx plugin.",
    );
  }
};

export const main = (argv: readonly string[]): number => {
  const [image, ...rest] = argv;
  if (!image || rest.length > 0 || !isImage(image)) {
    throw new DockerBuildError(
      `Usage: docker-build <${Object.keys(APPS).join("|")}> (got: ${argv.join(" ") || "nothing"}).`,
    );
  }
  checkDocker();
  const result = spawnSync("docker", buildArgs(image), { cwd: repoRoot, stdio: "inherit" });
  return result.status ?? 1;
};

// Node runs the real path of a symlinked script, so compare real paths.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (error) {
    console.error(`docker:build: ${(error as Error).message}`);
    process.exit(1);
  }
}
