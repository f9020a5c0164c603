import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "@parametric-portal/policies/manifests";
import { describe, expect, it } from "vitest";
import { MISE, MISE_ENV } from "../test-kit/backup-test-kit";
import { CHILD_DEADLINE_MS } from "../test-kit/deadline";
import { checkDomain } from "./set-domain";

/** The real `mise run set-domain ...args`. */
function runTask(...args: string[]) {
  return spawnSync(MISE, ["run", "set-domain", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, ...MISE_ENV },
    timeout: CHILD_DEADLINE_MS,
  });
}

describe("mise run set-domain", () => {
  it("prints the usage and fails without arguments", () => {
    const result = runTask();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("usage: mise run set-domain <overlay> <domain>");
  });

  it("refuses a wildcard domain before touching any file", () => {
    const before = readFileSync(resolve(repoRoot, "infrastructure/overlays/prod/hosts.yaml"), "utf8");
    const result = runTask("prod", "*.example.com");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("wildcards cannot be issued");
    expect(readFileSync(resolve(repoRoot, "infrastructure/overlays/prod/hosts.yaml"), "utf8")).toBe(before);
  });

  it("names the overlays when given an unknown one", () => {
    const result = runTask("staging", "example.com");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/unknown overlay "staging"; choose one of: .*prod/);
  });
});

describe("checkDomain", () => {
  it("accepts plain lower-case domains", () => {
    expect(checkDomain("example.com")).toBe("example.com");
    expect(checkDomain("dev.my-site.co.uk")).toBe("dev.my-site.co.uk");
  });

  it.each([
    ["https://example.com", /without scheme/],
    ["Example.com", /lower case/],
    ["localhost", /not a domain name/],
    ["exa_mple.com", /not a domain name/],
    ["-bad.com", /not a domain name/],
  ])("rejects %s", (domain, message) => {
    expect(() => checkDomain(domain)).toThrow(message);
  });
});
