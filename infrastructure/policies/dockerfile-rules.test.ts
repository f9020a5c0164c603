import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkDockerfile, type DockerfileExpectations } from "./dockerfile-rules";

const repoFile = (relative: string) =>
  readFileSync(fileURLToPath(new URL(`../../${relative}`, import.meta.url)), "utf8");
const pnpmVersion = (
  JSON.parse(repoFile("package.json")) as { packageManager: string }
).packageManager.replace(/^pnpm@/, "");

const apps: Array<[string, DockerfileExpectations]> = [
  [
    "apps/api/Dockerfile",
    { image: "api", port: 4000, healthPath: "/api/health/liveness", nodeMajor: 24, pnpmVersion },
  ],
  [
    "apps/parametric-icons/Dockerfile",
    {
      image: "parametric-icons",
      port: 8080,
      healthPath: "/healthz",
      nodeMajor: 24,
      pnpmVersion,
      buildArgs: ["VITE_API_URL"],
    },
  ],
];

describe.each(apps)("%s", (file, expectations) => {
  const content = repoFile(file);

  it("follows every delivery rule", () => {
    expect(checkDockerfile(content, expectations)).toEqual([]);
  });

  it.each([
    [
      "a floating base tag",
      (s: string) => s.replace(/node:24\.\d+\.\d+-alpine AS runtime/, "node:24-alpine AS runtime"),
      /not pinned/,
    ],
    [
      "another Node major",
      (s: string) => s.replaceAll(/node:24\.(\d+)\.(\d+)-alpine/g, "node:22.$1.$2-alpine"),
      /node:24.x.y-alpine/,
    ],
    ["a root user", (s: string) => s.replace(/USER 1000:1000/, "USER root"), /numeric non-root USER/],
    ["no user", (s: string) => s.replace(/USER 1000:1000/, ""), /numeric non-root USER/],
    [
      "a secret in ENV",
      (s: string) => s.replace(/WORKDIR \/app/, "ENV POSTGRES_PASSWORD=dev\nWORKDIR /app"),
      /POSTGRES_PASSWORD looks like a secret/,
    ],
    [
      "a secret in ARG",
      (s: string) => s.replace(/WORKDIR \/repo/, "ARG NPM_TOKEN\nWORKDIR /repo"),
      /NPM_TOKEN looks like a secret/,
    ],
    ["no healthcheck", (s: string) => s.replace(/HEALTHCHECK[\s\S]*?\|\| exit 1\n/, ""), /HEALTHCHECK/],
    ["a wrong port", (s: string) => s.replace(/EXPOSE \d+/, "EXPOSE 3000"), /EXPOSE/],
    [
      "no store cache",
      (s: string) => s.replaceAll("--mount=type=cache,id=pnpm-store,target=/pnpm/store", ""),
      /cache mount/,
    ],
    ["another pnpm", (s: string) => s.replace(/pnpm@[\d.]+/, "pnpm@9.0.0"), /packageManager/],
    [
      "sources in the runtime stage",
      (s: string) => s.replace(/COPY --from=build/, "COPY"),
      /COPY only from the build stage/,
    ],
    [
      "a shell-form CMD",
      (s: string) => s.replace(/CMD \["node", "([^"]+)"\]/, "CMD node $1"),
      /exec-form CMD/,
    ],
    [
      "a different build than the test's",
      (s: string) => s.replace(/docker-bundle-[a-z-]+\.sh/, "other.sh"),
      /the script its test runs/,
    ],
  ])("catches %s", (_label, mutate, problem) => {
    const mutated = mutate(content);
    expect(mutated).not.toBe(content);
    expect(checkDockerfile(mutated, expectations).join("\n")).toMatch(problem);
  });
});

describe(".dockerignore", () => {
  const rules = repoFile(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));

  it("keeps dependencies, build output, git data and env files out of the build context", () => {
    expect(rules).toEqual(
      expect.arrayContaining(["**/node_modules", "**/dist", ".git", "**/.env", "**/.env.*"]),
    );
  });

  it("keeps what the image builds read: no rule hides the lockfile, workspace manifests, tools or sources", () => {
    for (const needed of [
      "pnpm-lock.yaml",
      "pnpm-workspace.yaml",
      "package.json",
      ".npmrc",
      "tools",
      "apps",
      "packages",
    ]) {
      expect(
        rules.filter((rule) => rule === needed || rule === `/${needed}` || rule === `${needed}/`),
      ).toEqual([]);
    }
  });
});
