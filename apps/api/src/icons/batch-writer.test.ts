import { describe, expect, it } from "vitest";
import { batchWriter } from "./batch-writer";

class Unavailable extends Error {}

/** A store whose statements the test finishes by hand, in any order. */
const manualStore = (fail?: (items: readonly string[]) => Error | undefined) => {
  const statements: { items: readonly string[]; finish: () => void }[] = [];
  const write = batchWriter<string, string>({
    writeMany: (items) =>
      new Promise((resolve, reject) => {
        statements.push({
          items,
          finish: () => {
            const error = fail?.(items);
            if (error) reject(error);
            else resolve(items.map((item) => `stored ${item}`));
          },
        });
      }),
    isUnavailable: (error) => error instanceof Unavailable,
    maxItems: 3,
    maxInFlight: 2,
  });
  return { statements, write };
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("batchWriter", () => {
  it("sends a write alone at once, and those that wait for a slot together, at most maxItems each", async () => {
    const { statements, write } = manualStore();
    const results = ["a", "b", "c", "d", "e", "f"].map((item) => write(item));
    expect(statements.map((s) => s.items)).toEqual([["a"], ["b"]]);
    statements[1]?.finish();
    await tick();
    expect(statements.map((s) => s.items)).toEqual([["a"], ["b"], ["c", "d", "e"]]);
    statements[0]?.finish();
    await tick();
    expect(statements.map((s) => s.items)).toEqual([["a"], ["b"], ["c", "d", "e"], ["f"]]);
    statements[2]?.finish();
    statements[3]?.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d", "e", "f"].map((x) => `stored ${x}`));
  });

  it("gives every write of a batch the unavailable database's error, without trying each alone", async () => {
    const { statements, write } = manualStore(() => new Unavailable("connection refused"));
    const results = ["a", "b", "c", "d"].map((item) => write(item).catch((error: unknown) => error));
    statements[0]?.finish();
    statements[1]?.finish();
    await tick();
    statements[2]?.finish();
    const errors = await Promise.all(results);
    expect(errors.every((error) => error instanceof Unavailable)).toBe(true);
    expect(statements.map((s) => s.items)).toEqual([["a"], ["b"], ["c", "d"]]);
  });

  it("tries each write of a failed batch alone, so only the one at fault fails", async () => {
    const { statements, write } = manualStore((items) =>
      items.includes("bad") ? new Error(`"bad" breaks a constraint`) : undefined,
    );
    const results = ["a", "b", "c", "bad", "d"].map((item) =>
      write(item).catch((error: Error) => error.message),
    );
    statements[0]?.finish();
    statements[1]?.finish();
    await tick();
    statements[2]?.finish();
    await tick();
    for (const statement of statements.slice(3)) statement.finish();
    expect(await Promise.all(results)).toEqual([
      "stored a",
      "stored b",
      "stored c",
      `"bad" breaks a constraint`,
      "stored d",
    ]);
    expect(statements.map((s) => s.items)).toEqual([["a"], ["b"], ["c", "bad", "d"], ["c"], ["bad"], ["d"]]);
  });
});
