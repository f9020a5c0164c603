import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { APPS } from "./affected-apps";
import { main, parseImageArg, updateImageTags } from "./update-image-tags";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const fixture = `# Production overlay: the deploy workflow rewrites only newTag below.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - deployment.yaml # the app

images:
  # API server image
  - name: ghcr.io/parametric-portal/api
    newTag: sha-0000000 # replaced by deploy
  - name: ghcr.io/parametric-portal/parametric-icons
    newTag: "sha-1111111"
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: ghcr.io/parametric-portal/api:placeholder
        - name: icons
          image: ghcr.io/parametric-portal/parametric-icons:placeholder
`;

const tempDirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-tags-"));
  tempDirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const changedLines = (before: string, after: string): Array<[string, string]> => {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i): Array<[string, string]> => (line === b[i] ? [] : [[line, b[i] ?? ""]]));
};

describe("updateImageTags", () => {
  it("changes only the named image's tag and keeps comments and formatting", () => {
    const updated = updateImageTags(fixture, [{ image: "api", tag: "sha-abc1234" }]);
    expect(changedLines(fixture, updated)).toEqual([
      ["    newTag: sha-0000000 # replaced by deploy", "    newTag: sha-abc1234 # replaced by deploy"],
    ]);
  });

  it("updates several images at once", () => {
    const updated = updateImageTags(fixture, [
      { image: "api", tag: "sha-abc1234" },
      { image: "parametric-icons", tag: "1.2.3" },
    ]);
    const images = parseDocument(updated).toJS().images;
    expect(images).toEqual([
      { name: "ghcr.io/parametric-portal/api", newTag: "sha-abc1234" },
      { name: "ghcr.io/parametric-portal/parametric-icons", newTag: "1.2.3" },
    ]);
  });

  it("is idempotent", () => {
    const once = updateImageTags(fixture, [{ image: "parametric-icons", tag: "sha-def5678" }]);
    expect(updateImageTags(once, [{ image: "parametric-icons", tag: "sha-def5678" }])).toBe(once);
  });

  it("points the image at a fork's lower-cased registry path with --owner, and back", () => {
    const fork = updateImageTags(fixture, [{ image: "api", tag: "sha-abc1234" }], "Some-Org");
    expect(parseDocument(fork).toJS().images[0]).toEqual({
      name: "ghcr.io/parametric-portal/api",
      newTag: "sha-abc1234",
      newName: "ghcr.io/some-org/api",
    });
    const back = updateImageTags(fork, [{ image: "api", tag: "sha-abc1234" }], "parametric-portal");
    expect(back).toBe(updateImageTags(fixture, [{ image: "api", tag: "sha-abc1234" }]));
  });

  it("rejects an image the kustomization does not list, naming the ones it has", () => {
    expect(() => updateImageTags(fixture, [{ image: "web", tag: "sha-abc1234" }])).toThrow(
      /No image named "web".*ghcr.io\/parametric-portal\/api/,
    );
  });

  it("with skipMissing, updates the images the list has and leaves out the others (dev overlay)", () => {
    const updated = updateImageTags(
      fixture,
      [
        { image: "web", tag: "sha-abc1234" },
        { image: "api", tag: "sha-abc1234" },
      ],
      undefined,
      true,
    );
    expect(changedLines(fixture, updated)).toEqual([
      ["    newTag: sha-0000000 # replaced by deploy", "    newTag: sha-abc1234 # replaced by deploy"],
    ]);
    expect(updated).not.toContain("web");
  });

  it("rejects a kustomization without an images list", () => {
    expect(() => updateImageTags("resources: []\n", [{ image: "api", tag: "sha-abc1234" }])).toThrow(
      /no `images:` list/,
    );
  });
});

describe("parseImageArg", () => {
  it("accepts sha-<7 hex> and semver tags", () => {
    expect(parseImageArg("api=sha-abc1234")).toEqual({ image: "api", tag: "sha-abc1234" });
    expect(parseImageArg("parametric-icons=v2.0.1-rc.1")).toEqual({
      image: "parametric-icons",
      tag: "v2.0.1-rc.1",
    });
  });

  it.each([
    "api=latest",
    "api=sha-ABC1234",
    "api=sha-abc123",
    "api=sha-abc12345",
    "api=",
    "api",
    "=sha-abc1234",
  ])("rejects %s", (arg) => {
    expect(() => parseImageArg(arg)).toThrow(/--image/);
  });
});

describe("update-image-tags command", () => {
  it("rewrites the file in place, leaves it untouched when already current, and the result builds", async () => {
    const dir = tempDir();
    const file = path.join(dir, "kustomization.yaml");
    writeFileSync(file, fixture);
    writeFileSync(path.join(dir, "deployment.yaml"), deployment);
    const args = ["--file", file, "--image", "api=sha-abc1234", "--image", "parametric-icons=sha-def5678"];
    await main(args);
    const first = readFileSync(file, "utf8");
    await main(args);
    expect(readFileSync(file, "utf8")).toBe(first);
    const rendered = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
    expect(rendered).toContain("image: ghcr.io/parametric-portal/api:sha-abc1234");
    expect(rendered).toContain("image: ghcr.io/parametric-portal/parametric-icons:sha-def5678");
  });

  it("fails with the reason and leaves the file alone on a bad tag", async () => {
    const dir = tempDir();
    const file = path.join(dir, "kustomization.yaml");
    writeFileSync(file, fixture);
    await expect(main(["--file", file, "--image", "api=main"])).rejects.toThrow(/neither sha-<7/);
    expect(readFileSync(file, "utf8")).toBe(fixture);
  });

  it("lists in the production overlay exactly the images the deploy workflow builds", () => {
    const overlay = readFileSync(
      path.join(repoRoot, "infrastructure/overlays/prod/kustomization.yaml"),
      "utf8",
    );
    const names = (parseDocument(overlay).toJS().images as Array<{ name: string }>).map(
      (image) => image.name,
    );
    expect(names.sort()).toEqual(
      Object.keys(APPS)
        .map((image) => `ghcr.io/parametric-portal/${image}`)
        .sort(),
    );
  });

  it("updates the real production overlay, which still renders with kubectl kustomize", async () => {
    const dir = tempDir();
    cpSync(path.join(repoRoot, "infrastructure"), path.join(dir, "infrastructure"), { recursive: true });
    const file = path.join(dir, "infrastructure/overlays/prod/kustomization.yaml");
    const before = readFileSync(file, "utf8");
    await main(["--file", file, "--image", "api=sha-1a2b3c4", "--image", "parametric-icons=sha-5d6e7f8"]);
    const after = readFileSync(file, "utf8");
    expect(changedLines(before, after).every(([, line]) => line.includes("newTag"))).toBe(true);
    const rendered = execFileSync("kubectl", ["kustomize", path.dirname(file)], { encoding: "utf8" });
    expect(rendered).toContain("image: ghcr.io/parametric-portal/api:sha-1a2b3c4");
    expect(rendered).toContain("image: ghcr.io/parametric-portal/parametric-icons:sha-5d6e7f8");
  });
});
