import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, loadMigratorConfig } from "./config";

// .env.example is the container's template (docs/operations.md §0.3): it must pass the API's own
// configuration check as the image runs it (NODE_ENV=production) once the key is filled in.
const ROOT = path.join(import.meta.dirname, "../../..");
const template = readFileSync(path.join(ROOT, ".env.example"), "utf8");
const manual = readFileSync(path.join(ROOT, "docs/operations.md"), "utf8");

/** Docker's --env-file rules: KEY=value per line, `#` comments, taken literally. */
const parseEnvFile = (text: string): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const match = /^([A-Z][A-Z0-9_]*)=(\S*)$/.exec(line);
    if (!match) throw new Error(`.env.example line ${index + 1} is not KEY=value without spaces: ${line}`);
    const [, key = "", value = ""] = match;
    // Docker keeps quotes as part of the value, which would corrupt hosts and keys.
    if (/["']/.test(value)) throw new Error(`.env.example line ${index + 1} has quotes Docker would keep.`);
    env[key] = value;
  }
  return env;
};

describe(".env.example (the container's --env-file)", () => {
  const env = parseEnvFile(template);
  const asTheImageRunsIt = { ...env, NODE_ENV: "production", API_PORT: "4000" };

  it("points the container at the host's database, not at itself", () => {
    expect(env.POSTGRES_HOST).toBe("host.docker.internal");
    expect(template).toContain("--add-host=host.docker.internal:host-gateway");
  });

  it("asks for ENCRYPTION_KEY, and with one filled in is accepted by the API and the migrator", () => {
    expect(env.ENCRYPTION_KEY).toBe("");
    expect(() => loadConfig(asTheImageRunsIt)).toThrow(/ENCRYPTION_KEY is required when NODE_ENV=production/);
    const filled = { ...asTheImageRunsIt, ENCRYPTION_KEY: randomBytes(32).toString("base64") };
    const config = loadConfig(filled);
    expect(config.database).toMatchObject({ kind: "postgres", host: "host.docker.internal", port: 5432 });
    expect(config.host).toBe("0.0.0.0");
    expect(config.apiDocs).toBe(true);
    expect(loadMigratorConfig(filled).database).toMatchObject({
      kind: "postgres",
      host: "host.docker.internal",
    });
  });

  it("is what the manual's §0.3 docker run lines use, each with the host mapping", () => {
    const section = manual.slice(manual.indexOf("### [0.3]"), manual.indexOf("## [1]"));
    expect(section).toContain("cp .env.example .env");
    const runs = section.replace(/\\\n\s*/g, "").match(/^docker run .*api:dev.*$/gm) ?? [];
    expect(runs).toHaveLength(2);
    for (const line of runs) {
      expect(line).toContain("--env-file .env");
      expect(line).toContain("--add-host=host.docker.internal:host-gateway");
    }
  });
});
