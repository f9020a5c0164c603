import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  containerViolations,
  ingressRouteViolations,
  serviceViolations,
} from "@parametric-portal/policies/manifest-policies";
import { validateManifests } from "@parametric-portal/policies/manifest-schemas";
import { buildOverlay, findObject, type KubeObject } from "@parametric-portal/policies/manifests";
import { within } from "@parametric-portal/test-support/deadline";
import { beforeEach, describe, expect, it } from "vitest";
import { deployableApps, imagesForFiles, imagesForProjects } from "../ci/affected-apps";
import { main as updateTags } from "../ci/update-image-tags";
import { REPO_ROOT, runTask } from "../test-kit/backup-test-kit";
import { main } from "./new-app";

const OVERLAY = "infrastructure/overlays/prod/kustomization.yaml";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "pp-new-app-"));
  // A copy of the parts new-app reads and writes; dependencies and build output are not needed.
  for (const dir of ["apps", "infrastructure"]) {
    await cp(path.join(REPO_ROOT, dir), path.join(root, dir), {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
    });
  }
});

const newApp = (...args: string[]) => runTask("new-app", [...args, "--root", root], {});

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe("new-app", () => {
  it("scaffolds an app that builds in the prod overlay and passes the built-in apps' policies", async () => {
    const overlayBefore = await readFile(path.join(root, OVERLAY), "utf8");
    const result = await newApp("billing-web", "--domain", "Billing.Example.com", "--port", "3000");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);

    expect((await readdir(path.join(root, "infrastructure/apps/billing-web"))).sort()).toEqual([
      "deployment.yaml",
      "ingressroute.yaml",
      "kustomization.yaml",
      "middleware.yaml",
      "network-policy.yaml",
      "pod-disruption-budget.yaml",
      "service.yaml",
    ]);
    const pkg = JSON.parse(await readFile(path.join(root, "apps/billing-web/package.json"), "utf8")) as {
      name: string;
    };
    expect(pkg.name).toBe("@parametric-portal/billing-web");
    expect(await readFile(path.join(root, "apps/billing-web/Dockerfile"), "utf8")).toMatch(
      /COPY apps\/billing-web\/src \.\/src[\s\S]*EXPOSE 3000/,
    );

    // The resource after the other apps and the image at the end; every comment of the overlay survives.
    const overlayAfter = await readFile(path.join(root, OVERLAY), "utf8");
    const before = overlayBefore.split("\n");
    const after = overlayAfter.split("\n");
    const resource = after.indexOf("  - ../../apps/billing-web");
    const image = after.indexOf("  - name: ghcr.io/parametric-portal/billing-web");
    expect(resource).toBe(after.indexOf("  - ../../apps/icons") + 1);
    expect(after.slice(image)).toEqual([
      "  - name: ghcr.io/parametric-portal/billing-web",
      "    newTag: sha-0000000",
      "",
    ]);
    expect(after.filter((_, index) => ![resource, image, image + 1].includes(index))).toEqual(before);

    const objects: KubeObject[] = buildOverlay(path.join(root, "infrastructure/overlays/prod"));
    expect(validateManifests(objects)).toEqual([]);
    expect(containerViolations(objects)).toEqual([]);
    expect(serviceViolations(objects)).toEqual([]);
    expect(ingressRouteViolations(objects)).toEqual([]);
    const names = objects
      .filter((o) => o.metadata.name.startsWith("billing-web"))
      .map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names.sort()).toEqual([
      "Deployment/billing-web",
      "IngressRoute/billing-web-https",
      "Middleware/billing-web-middleware-chain",
      "Middleware/billing-web-security-headers",
      "NetworkPolicy/billing-web-allow-traefik",
      "PodDisruptionBudget/billing-web-pdb",
      "Service/billing-web",
    ]);
    for (const object of objects.filter((o) => o.metadata.name.startsWith("billing-web"))) {
      expect(object.metadata.namespace).toBe("parametric-portal");
    }
    const route = findObject<{ spec: { routes: { match: string }[]; tls: { domains: { main: string }[] } } }>(
      objects,
      "IngressRoute",
      "billing-web-https",
    );
    expect(route.spec.routes[0]?.match).toBe("Host(`billing.example.com`)");
    expect(route.spec.tls.domains[0]?.main).toBe("billing.example.com");
    const service = findObject<{ spec: { ports: { port: number }[] } }>(objects, "Service", "billing-web");
    expect(service.spec.ports[0]?.port).toBe(3000);
  });

  it("scaffolds an app the deploy pipeline builds and tags without workflow edits", async () => {
    expect((await newApp("billing-web", "--domain", "billing.example.com")).code).toBe(0);
    const apps = deployableApps(root);
    expect(apps["billing-web"]).toEqual({
      project: "@parametric-portal/billing-web",
      root: "apps/billing-web/",
    });
    expect(imagesForFiles(["apps/billing-web/src/main.ts"], apps)).toEqual(["billing-web"]);
    expect(imagesForFiles(["apps/billing-web-docs/a.md", "docs/x.md"], apps)).toEqual([]);
    expect(imagesForProjects(["@parametric-portal/billing-web"], apps)).toEqual(["billing-web"]);
    expect(imagesForFiles(["pnpm-lock.yaml"], apps)).toEqual(["api", "parametric-icons", "billing-web"]);

    // What the deploy workflow's release job runs after building the image.
    const overlay = path.join(root, OVERLAY);
    await updateTags([
      "--file",
      overlay,
      "--owner",
      "Parametric-Portal",
      "--image",
      "billing-web=sha-1a2b3c4",
    ]);
    const deployment = findObject<{ spec: { template: { spec: { containers: { image: string }[] } } } }>(
      buildOverlay(path.dirname(overlay)),
      "Deployment",
      "billing-web",
    );
    expect(deployment.spec.template.spec.containers[0]?.image).toBe(
      "ghcr.io/parametric-portal/billing-web:sha-1a2b3c4",
    );
  });

  it("generates a service that answers its health probe", async () => {
    expect((await newApp("hello", "--domain", "hello.example.org")).code).toBe(0);
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(root, "apps/hello/src/main.ts")], {
      env: { ...process.env, PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      // The service prints one line once it listens.
      await within(
        new Promise<void>((resolve) => child.stdout?.once("data", () => resolve())),
        10_000,
        "the generated service to start listening",
      );
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("ok");
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses a second run and leaves everything as it was", async () => {
    expect((await newApp("billing-web", "--domain", "billing.example.com")).code).toBe(0);
    const overlay = await readFile(path.join(root, OVERLAY), "utf8");
    const deployment = await readFile(
      path.join(root, "infrastructure/apps/billing-web/deployment.yaml"),
      "utf8",
    );
    const again = await newApp("billing-web", "--domain", "other.example.com", "--port", "9000");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/An app named billing-web already exists/);
    expect(await readFile(path.join(root, OVERLAY), "utf8")).toBe(overlay);
    expect(await readFile(path.join(root, "infrastructure/apps/billing-web/deployment.yaml"), "utf8")).toBe(
      deployment,
    );
  });

  it.each([
    [["Billing", "--domain", "a.example.com"], /App name "Billing" is not valid/],
    [["-x", "--domain", "a.example.com"], /usage: mise run new-app NAME/],
    [["9lives", "--domain", "a.example.com"], /App name "9lives" is not valid/],
    [["api", "--domain", "a.example.com"], /An app named api already exists/],
    [["icons", "--domain", "a.example.com"], /An app named icons already exists/],
    [["shop"], /--domain is required/],
    [["shop", "--domain", "*.example.com"], /wildcards are not supported/],
    [["shop", "--domain", "https://shop.example.com"], /is not a valid host name/],
    [["shop", "--domain", "localhost"], /is not a valid host name/],
    [["shop", "--domain", "shop_1.example.com"], /is not a valid host name/],
    [["shop", "--domain", "api.parametric-portal.com"], /already served by another app's IngressRoute/],
    [
      ["shop", "--domain", "shop.example.com", "--port", "80"],
      /--port "80" must be a whole number from 1024 to 65535/,
    ],
    [["shop", "--domain", "shop.example.com", "--port", "65536"], /from 1024 to 65535/],
    [["shop", "--domain", "shop.example.com", "--port", "80a"], /from 1024 to 65535/],
  ])("rejects %j with a clear message and writes nothing", async (args, message) => {
    const overlay = await readFile(path.join(root, OVERLAY), "utf8");
    const apps = await readdir(path.join(root, "infrastructure/apps"));
    // In-process for speed; the task run above covers the CLI wiring and exit code.
    await expect(main([...args, "--root", root])).rejects.toThrow(message);
    expect(await readFile(path.join(root, OVERLAY), "utf8")).toBe(overlay);
    expect(await readdir(path.join(root, "infrastructure/apps"))).toEqual(apps);
  });
});
