import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setDomain } from "../../tools/ops/commands/set-domain";
import { buildOverlay, findObject, infrastructureDir } from "../policies/manifests";

// A scratch copy of the manifests, so the test can change domains without touching the repo.
const scratch = mkdtempSync(join(tmpdir(), "set-domain-"));
for (const dir of ["base", "apps", "components", "overlays"])
  cpSync(join(infrastructureDir, dir), join(scratch, dir), { recursive: true });
const overlays = join(scratch, "overlays");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("set-domain", () => {
  const hosts = setDomain(overlays, "prod", "example.org");
  const objects = buildOverlay(join(overlays, "prod"));
  const rendered = JSON.stringify(objects);

  it("returns the new hosts and keeps hosts.yaml's comments", () => {
    expect(hosts).toEqual({ api: "api.example.org", icons: "icons.example.org" });
    const file = readFileSync(join(overlays, "prod/hosts.yaml"), "utf8");
    expect(file).toContain("# The one place this overlay's hosts live.");
    expect(file).toContain("api: api.example.org");
  });

  it("carries the domain into routes, TLS domains, the CSP and the API URLs", () => {
    const route = (name: string) =>
      findObject<{
        spec: { routes: { match: string }[]; tls: { certResolver: string; domains: { main: string }[] } };
      }>(objects, "IngressRoute", name).spec;
    expect(route("api-https").routes.map((r) => r.match)).toEqual([
      "Host(`api.example.org`) && PathPrefix(`/api`)",
      "Host(`api.example.org`)",
    ]);
    expect(route("api-https").tls).toMatchObject({
      certResolver: "letsencrypt",
      domains: [{ main: "api.example.org" }],
    });
    expect(route("icons-https").routes[0]?.match).toBe("Host(`icons.example.org`)");
    expect(route("icons-https").tls.domains).toEqual([{ main: "icons.example.org" }]);
    const csp = findObject<{ spec: { headers: { contentSecurityPolicy: string } } }>(
      objects,
      "Middleware",
      "icons-security-headers",
    );
    expect(csp.spec.headers.contentSecurityPolicy).toMatch(/connect-src 'self' https:\/\/api\.example\.org$/);
    const config = findObject<{ data: Record<string, string> }>(objects, "ConfigMap", "api-config").data;
    expect(config).toMatchObject({
      API_BASE_URL: "https://api.example.org",
      WEB_APP_URL: "https://icons.example.org",
      CORS_ORIGINS: "https://icons.example.org",
    });
  });

  it("leaves no trace of the old domain and does not deploy hosts.yaml itself", () => {
    expect(rendered).not.toContain("parametric-portal.com");
    expect(rendered).not.toContain("from-hosts-yaml");
    expect(objects.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata.name)).toEqual(["api-config"]);
  });

  it("leaves the other overlay alone", () => {
    expect(JSON.stringify(buildOverlay(join(overlays, "dev")))).toContain("api.dev.parametric-portal.com");
  });

  it("refuses a domain whose hosts another overlay already uses", () => {
    expect(() => setDomain(overlays, "dev", "example.org")).toThrow(
      /api\.example\.org is already used by overlay "prod"/,
    );
  });
});
