import { spawnSync } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { CHILD_DEADLINE_MS } from "../test-kit/deadline";
import { writeFileAtomic } from "./fs-atomic";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-atomic-"));
  dirs.push(dir);
  return dir;
};

const OLD = "images:\n  - name: ghcr.io/parametric-portal/api\n    newTag: sha-0000000\n";
const BIG = `${"# padding\n".repeat(5_000)}images: []\n`; // 50 kB, well over the 8 kB limit below

/**
 * Writes BIG over `file` in a child process whose file-size limit is 8 kB (`ulimit -f 8`): the
 * kernel cuts the write short (EFBIG), as a full disk or a killed runner would. `how` picks the writer.
 */
const shortWrite = (file: string, how: "atomic" | "plain") => {
  const helper = pathToFileURL(fileURLToPath(new URL("./fs-atomic.ts", import.meta.url))).href;
  const script =
    how === "atomic"
      ? `import { writeFileAtomic } from ${JSON.stringify(helper)}; writeFileAtomic(process.argv[1], process.env.DATA);`
      : `import { writeFileSync } from "node:fs"; writeFileSync(process.argv[1], process.env.DATA);`;
  return spawnSync(
    "bash",
    ["-c", 'ulimit -f 8 && exec "$0" --input-type=module -e "$1" "$2"', process.execPath, script, file],
    { encoding: "utf8", env: { ...process.env, DATA: BIG }, timeout: CHILD_DEADLINE_MS },
  );
};

describe("writeFileAtomic", () => {
  it("replaces the content in one rename: a reader of the old file still sees it whole", () => {
    const dir = folder();
    const file = path.join(dir, "kustomization.yaml");
    writeFileSync(file, OLD, { mode: 0o600 });
    const before = statSync(file);
    const reader = openSync(file, "r");
    try {
      writeFileAtomic(file, "images: []\n");
      const buffer = Buffer.alloc(OLD.length + 10);
      const read = readSync(reader, buffer, 0, buffer.length, 0);
      expect(buffer.subarray(0, read).toString()).toBe(OLD);
    } finally {
      closeSync(reader);
    }
    expect(readFileSync(file, "utf8")).toBe("images: []\n");
    const after = statSync(file);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["kustomization.yaml"]);
  });

  it("creates a missing file with the given mode", () => {
    const dir = folder();
    writeFileAtomic(path.join(dir, "sealed.yaml"), "kind: SealedSecret\n", 0o600);
    expect(readFileSync(path.join(dir, "sealed.yaml"), "utf8")).toBe("kind: SealedSecret\n");
    expect(statSync(path.join(dir, "sealed.yaml")).mode & 0o777).toBe(0o600);
  });

  it("leaves the old file whole and no temporary file when the write is cut short", () => {
    const dir = folder();
    const file = path.join(dir, "kustomization.yaml");
    writeFileSync(file, OLD);
    const result = shortWrite(file, "atomic");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("EFBIG");
    expect(readFileSync(file, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["kustomization.yaml"]);
  });

  it("(the same cut with a plain writeFile leaves a truncated file, which is what this prevents)", () => {
    const dir = folder();
    const file = path.join(dir, "kustomization.yaml");
    writeFileSync(file, OLD);
    const result = shortWrite(file, "plain");
    expect(result.stderr).toContain("EFBIG");
    const left = readFileSync(file, "utf8");
    expect(left).not.toBe(OLD);
    expect(left.length).toBeLessThan(BIG.length);
  });

  it("removes its temporary file when the rename fails", () => {
    const dir = folder();
    mkdirSync(path.join(dir, "taken"));
    expect(() => writeFileAtomic(path.join(dir, "taken"), "x")).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(["taken"]);
  });

  it("fails without creating anything when the folder does not exist", () => {
    const dir = folder();
    expect(() => writeFileAtomic(path.join(dir, "missing", "file.yaml"), "x")).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
