import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHILD_DEADLINE_MS } from "../test-kit/deadline";

const root = path.resolve(import.meta.dirname, "../../..");

/** Every tracked shell script: *.sh files and files whose shebang names sh or bash. */
const shellScripts = (): string[] =>
  execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .filter((file) => {
      if (file.endsWith(".sh")) return true;
      try {
        return /^#!.*\b(sh|bash|dash)\b/.test(readFileSync(path.join(root, file), "utf8").slice(0, 80));
      } catch {
        return false;
      }
    });

describe("shell scripts", () => {
  it("are all shellcheck clean", () => {
    const which = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
    expect(which.status, "shellcheck is not installed: apt-get install shellcheck (.ci/run does)").toBe(0);
    const scripts = shellScripts();
    expect(scripts).toEqual(expect.arrayContaining([".ci/run", "infrastructure/bootstrap/setup-k3s.sh"]));
    const result = spawnSync("shellcheck", ["-x", "-P", "SCRIPTDIR", ...scripts], {
      cwd: root,
      encoding: "utf8",
      timeout: CHILD_DEADLINE_MS,
    });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
