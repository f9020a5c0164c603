import { randomUUID } from "node:crypto";
import type { Asset } from "@parametric-portal/contracts/icons";
import { describe, expect, it } from "vitest";
import type { GenerationFailure } from "./generation-failure";
import type { GenerationPlan } from "./generation-plan";
import type { NewAsset } from "./icons-repository";
import { type Generated, type RunDeps, runGeneration } from "./run-generation";

/**
 * The quota is settled exactly once per generation, freed or kept by the failure's `billed`:
 * counted on a plan whose settle records each call. The insert is in memory: what is under test
 * is the flow around it (the real insert is covered by the icons route tests).
 */

const planOf = (
  intent: "create" | "refine",
  settles: Array<GenerationFailure | undefined>,
): GenerationPlan => ({
  userId: randomUUID(),
  parentId: null,
  choice: { engine: "local" },
  settle: async (failure) => {
    settles.push(failure);
  },
  input: {
    prompt: intent === "create" ? "polar array of 6 circles" : "make it a triangle",
    intent,
    colorMode: "dark",
    variantCount: 1,
    attachments: [],
    ...(intent === "refine" && {
      referenceSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"/>',
    }),
  },
});

const depsWith = (insert: (asset: NewAsset) => Promise<Asset>): RunDeps => ({
  repository: { insert },
  anthropic: { model: "unused", timeoutMs: 1_000 },
});

const storing = depsWith(async (asset) => ({
  id: randomUUID(),
  prompt: asset.prompt,
  intent: asset.intent,
  colorMode: asset.colorMode,
  engine: asset.engine,
  parentId: asset.parentId,
  createdAt: new Date().toISOString(),
  variants: [...asset.variants],
}));

const run = async (plan: GenerationPlan, deps: RunDeps, signal = new AbortController().signal) => {
  const outcomes: Array<{ done: Generated } | { failed: GenerationFailure }> = [];
  await runGeneration(plan, deps, signal, {
    progress: () => {},
    done: (done) => outcomes.push({ done }),
    failed: (failed) => outcomes.push({ failed }),
  });
  return outcomes;
};

describe("runGeneration settles the quota exactly once", () => {
  it("on success, freeing the place before the client hears of it", async () => {
    const settles: Array<GenerationFailure | undefined> = [];
    const plan = planOf("create", settles);
    let settledBeforeDone = false;
    await runGeneration(plan, storing, new AbortController().signal, {
      progress: () => {},
      done: () => {
        settledBeforeDone = settles.length === 1;
      },
      failed: (failure) => expect.fail(`unexpected failure ${failure.kind}`),
    });
    expect(settles).toEqual([undefined]);
    expect(settledBeforeDone).toBe(true);
  });

  it("on an unbilled failure (an honest refusal), freeing the place", async () => {
    const settles: Array<GenerationFailure | undefined> = [];
    const plan = planOf("create", settles);
    const outcomes = await run({ ...plan, input: { ...plan.input, prompt: "zzqx wibble" } }, storing);
    expect(outcomes).toEqual([
      { failed: expect.objectContaining({ kind: "not_understood", billed: false }) },
    ]);
    expect(settles).toHaveLength(1);
    expect(settles[0]?.billed).toBe(false);
  });

  it("on a billed failure (storing failed for good), keeping the place", async () => {
    const settles: Array<GenerationFailure | undefined> = [];
    const broken = depsWith(async () => {
      throw new Error("disk on fire");
    });
    const outcomes = await run(planOf("create", settles), broken);
    expect(outcomes).toEqual([{ failed: expect.objectContaining({ kind: "unexpected", billed: true }) }]);
    expect(settles).toHaveLength(1);
    expect(settles[0]?.billed).toBe(true);
  });

  it("when the client is gone, keeping the place and telling the sink once", async () => {
    const settles: Array<GenerationFailure | undefined> = [];
    const gone = new AbortController();
    gone.abort();
    const outcomes = await run(planOf("create", settles), storing, gone.signal);
    expect(outcomes).toEqual([{ failed: expect.objectContaining({ kind: "cancelled", billed: true }) }]);
    expect(settles).toHaveLength(1);
    expect(settles[0]?.kind).toBe("cancelled");
  });
});
