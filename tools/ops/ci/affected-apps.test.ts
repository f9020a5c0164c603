import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  affectedImages,
  deployableApps,
  imagesForFiles,
  imagesForProjects,
  main,
  PROD_KUSTOMIZATION,
} from "./affected-apps";

describe("deployableApps", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const repo = (images: string[], apps: Record<string, string>) => {
    const root = mkdtempSync(path.join(tmpdir(), "pp-deployable-"));
    dirs.push(root);
    mkdirSync(path.join(root, path.dirname(PROD_KUSTOMIZATION)), { recursive: true });
    const list = images.map((name) => `  - name: ${name}\n    newTag: sha-0000000\n`).join("");
    writeFileSync(path.join(root, PROD_KUSTOMIZATION), `# prod\nimages:\n${list}`);
    for (const [app, files] of Object.entries(apps)) {
      mkdirSync(path.join(root, "apps", app), { recursive: true });
      if (files.includes("Dockerfile"))
        writeFileSync(path.join(root, "apps", app, "Dockerfile"), "FROM scratch\n");
      const manifest = JSON.stringify({ name: `@parametric-portal/${app}` });
      if (files.includes("package.json"))
        writeFileSync(path.join(root, "apps", app, "package.json"), manifest);
    }
    return root;
  };

  it("reads this repository's images from the production overlay", () => {
    expect(deployableApps(fileURLToPath(new URL("../../../", import.meta.url)))).toEqual({
      api: { project: "@parametric-portal/api", root: "apps/api/" },
      "parametric-icons": { project: "@parametric-portal/parametric-icons", root: "apps/parametric-icons/" },
    });
  });

  it("takes every own-registry image with a Dockerfile and ignores other registries", () => {
    const root = repo(["ghcr.io/parametric-portal/shop", "docker.io/library/redis"], {
      shop: "Dockerfile package.json",
    });
    expect(deployableApps(root)).toEqual({
      shop: { project: "@parametric-portal/shop", root: "apps/shop/" },
    });
  });

  it("refuses an image without its Dockerfile or package name, saying how to fix it", () => {
    expect(() => deployableApps(repo(["ghcr.io/parametric-portal/shop"], { shop: "package.json" }))).toThrow(
      /lists ghcr.io\/parametric-portal\/shop but apps\/shop\/Dockerfile does not exist: add apps\/shop\/Dockerfile/,
    );
    expect(() => deployableApps(repo(["ghcr.io/parametric-portal/shop"], { shop: "Dockerfile" }))).toThrow(
      /apps\/shop\/package.json has no name/,
    );
    expect(() => deployableApps(repo([], {}))).toThrow(/has no ghcr.io\/parametric-portal\/<app> entry/);
  });
});

describe("imagesForFiles", () => {
  it.each([
    [["apps/api/src/main.ts"], ["api"]],
    [["apps/api/Dockerfile"], ["api"]],
    [["apps/parametric-icons/src/app.tsx", "docs/operations.md"], ["parametric-icons"]],
    [["apps/parametric-icons/server/serve.mjs"], ["parametric-icons"]],
    [
      ["apps/api/src/app.ts", "apps/parametric-icons/index.html"],
      ["api", "parametric-icons"],
    ],
    [["tools/ops/docker/docker-bundle-api.sh"], ["api"]],
    [["tools/ops/docker/docker-bundle-parametric-icons.sh"], ["parametric-icons"]],
  ])("%j rebuilds %j", (files, images) => {
    expect(imagesForFiles(files)).toEqual(images);
  });

  it.each([
    "packages/database/migrations/0002_more.sql",
    "packages/contracts/src/icon.ts",
    "packages/icon-kit/src/sanitise.ts",
    "pnpm-lock.yaml",
    "package.json",
    ".dockerignore",
  ])("a change to the shared %s rebuilds both images", (file) => {
    expect(imagesForFiles(["docs/x.md", file])).toEqual(["api", "parametric-icons"]);
  });

  it("rebuilds nothing for infrastructure, docs, CI or ops-only changes", () => {
    expect(
      imagesForFiles([
        "infrastructure/overlays/prod/kustomization.yaml",
        "docs/operations.md",
        "README.md",
        ".github/workflows/ci.yml",
        "tools/ops/ci/update-image-tags.ts",
        "mise.toml",
      ]),
    ).toEqual([]);
  });

  it("does not mistake a prefix-sharing folder for an app", () => {
    expect(imagesForFiles(["apps/api-docs/readme.md", "apps/parametric-icons-legacy/a.ts"])).toEqual([]);
  });
});

describe("imagesForProjects", () => {
  it("maps Nx project names to image names and ignores projects without an image", () => {
    expect(imagesForProjects(["@parametric-portal/ops", "@parametric-portal/database"])).toEqual([]);
    expect(imagesForProjects(["@parametric-portal/parametric-icons", "@parametric-portal/database"])).toEqual(
      ["parametric-icons"],
    );
    expect(imagesForProjects(["@parametric-portal/api", "@parametric-portal/parametric-icons"])).toEqual([
      "api",
      "parametric-icons",
    ]);
  });
});

describe("affectedImages", () => {
  it("builds every image when there is no previous deploy", () => {
    expect(affectedImages(undefined, "HEAD")).toEqual(["api", "parametric-icons"]);
  });

  it("builds nothing when head is the last deployed commit (asks git and Nx)", () => {
    expect(affectedImages("HEAD", "HEAD")).toEqual([]);
  }, 60_000);
});

describe("affected-apps command", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    delete process.env.GITHUB_OUTPUT;
  });

  it("writes GitHub step outputs for the workflow", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pp-affected-"));
    dirs.push(dir);
    process.env.GITHUB_OUTPUT = path.join(dir, "output");
    expect(main(["--files", "apps/api/src/main.ts", "--files", "infrastructure/x.yaml"])).toEqual(["api"]);
    expect(readFileSync(process.env.GITHUB_OUTPUT, "utf8")).toBe(
      'images=["api"]\napi=true\nparametric-icons=false\n',
    );
  });
});
