import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Asset, ParamChange, ProgressEvent } from "@parametric-portal/contracts/icons";
import { isDatabaseUnavailable } from "@parametric-portal/database/errors";
import type { LocalVariant } from "@parametric-portal/icon-kit/engine-contract";
import { generateLocalIcons } from "@parametric-portal/icon-kit/local-engine";
import { generateWithAnthropic, type TokenUsage } from "./anthropic-engine";
import { finishVariants } from "./finish-variants";
import {
  cancelled,
  failed,
  failureOf,
  type GenerationFailure,
  notUnderstood,
  refineRefused,
} from "./generation-failure";
import type { EngineOutput, ProgressListener, RawVariant } from "./generation-input";
import type { GenerationPlan } from "./generation-plan";
import type { IconsRepository, NewAsset } from "./icons-repository";
import { drawEdit } from "./local-edit";

/** The stored icon and, for a local refinement, what it changed from its parent. */
export interface Generated {
  readonly icon: Asset;
  readonly changes?: ParamChange[];
}

/** Where a generation reports to: the JSON and the SSE adapters of the route implement it. */
export interface GenerationSink {
  progress(event: ProgressEvent): void;
  done(generated: Generated): void;
  failed(failure: GenerationFailure): void;
}

export interface RunDeps {
  readonly repository: Pick<IconsRepository, "insert">;
  readonly anthropic: { readonly baseUrl?: string; readonly model: string; readonly timeoutMs: number };
  /** Counts every attempt by engine and outcome ("success" or the failure kind) for the metrics. */
  readonly recordOutcome?: (engine: string, outcome: string) => void;
  /** Told the tokens each model generation was billed (summed over its calls). */
  readonly recordTokens?: (engine: string, usage: TokenUsage) => void;
  /** Told about each failed insert that will be retried. */
  readonly onStoreRetry?: (error: unknown, attempt: number) => void;
}

// About ten seconds in all: a database failover or a dropped connection, not a long outage.
const STORE_RETRY_DELAYS_MS = [250, 1_000, 3_000, 6_000];

/**
 * The answer is already paid for: a database blip must not lose it, so the insert is retried.
 * Every attempt carries the same id, so an attempt that committed but timed out on the way back
 * is found by the next one instead of stored twice.
 */
const store = async (deps: RunDeps, asset: NewAsset): Promise<Asset> => {
  const once = { ...asset, id: asset.id ?? randomUUID() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await deps.repository.insert(once);
    } catch (error) {
      const delay = STORE_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isDatabaseUnavailable(error)) throw error;
      deps.onStoreRetry?.(error, attempt + 1);
      await sleep(delay);
    }
  }
};

/** A local drawing as finishVariants takes it: the engine's own design check travels with it. */
export const rawLocalVariant = (v: LocalVariant): RawVariant => ({
  svg: v.svg,
  toolType: v.toolType,
  tool: v.tool,
  params: v.params,
  construction: v.construction,
  check: { passed: v.passed, score: v.score, findings: v.findings },
});

const runEngine = async (
  plan: GenerationPlan,
  deps: RunDeps,
  signal: AbortSignal,
  onProgress: ProgressListener,
): Promise<EngineOutput> => {
  if (plan.choice.engine === "anthropic") {
    return generateWithAnthropic(plan.input, {
      apiKey: plan.choice.apiKey,
      ...(deps.anthropic.baseUrl !== undefined && { baseUrl: deps.anthropic.baseUrl }),
      model: deps.anthropic.model,
      timeoutMs: deps.anthropic.timeoutMs,
      signal,
      onProgress,
      onUsage: (usage) => deps.recordTokens?.("anthropic", usage),
    });
  }
  onProgress({ stage: "generating", message: "Drawing with the local parametric engine…" });
  const { input } = plan;
  if (input.params !== undefined && input.reference !== undefined) {
    return drawEdit({ ...input, reference: input.reference, params: input.params });
  }
  const outcome = generateLocalIcons({
    prompt: input.prompt,
    variantCount: input.variantCount,
    colorMode: input.colorMode,
    intent: input.intent,
    ...(input.referenceSvg !== undefined && { referenceSvg: input.referenceSvg }),
    ...(input.reference !== undefined && { reference: input.reference }),
  });
  // Nothing is stored for either: the user is told what was read and what to try instead.
  if (outcome.status === "not_understood") throw failed(notUnderstood(outcome));
  if (outcome.status === "refused") throw failed(refineRefused(outcome));
  return {
    variants: outcome.variants.map(rawLocalVariant),
    understood: outcome.understood,
    notUnderstood: outcome.unknown,
    ...(input.intent === "refine" && { changes: outcome.changes }),
  };
};

/**
 * The one generation flow: generates, checks, stores, settles the quota exactly once, then tells
 * the sink. The single insert happens only after every variant is ready, and it happens even if
 * the client left meanwhile: a paid answer is never thrown away. Never rejects: every failure
 * reaches the sink as a value.
 */
export const runGeneration = async (
  plan: GenerationPlan,
  deps: RunDeps,
  signal: AbortSignal,
  sink: GenerationSink,
): Promise<void> => {
  sink.progress({ stage: "queued", message: "Starting…" });
  let generated: Generated;
  try {
    generated = await generateAndStore(plan, deps, signal, (event) => sink.progress(event));
  } catch (error) {
    const failure = failureOf(error);
    deps.recordOutcome?.(plan.choice.engine, failure.kind);
    await plan.settle(failure);
    sink.failed(failure);
    return;
  }
  deps.recordOutcome?.(plan.choice.engine, "success");
  // Before the client hears of it: the stored asset now counts instead of the reservation, so an
  // immediate next request is not refused for a place this one no longer holds.
  await plan.settle();
  sink.done(generated);
};

const generateAndStore = async (
  plan: GenerationPlan,
  deps: RunDeps,
  signal: AbortSignal,
  onProgress: ProgressListener,
): Promise<Generated> => {
  if (signal.aborted) throw cancelled();
  const output = await runEngine(plan, deps, signal, onProgress);
  onProgress({
    stage: "checking",
    message: "Sanitising and checking the design rules…",
    variantsReceived: output.variants.length,
  });
  // Only the local engine's own drawings are "local"; a model's answer is sanitised and checked in full.
  const origin = plan.choice.engine === "local" ? "local" : "model";
  const variants = finishVariants(output.variants, plan.input.colorMode, origin);
  onProgress({ stage: "saving", message: "Saving to your library…", variantsReceived: variants.length });
  const asset = await store(deps, {
    userId: plan.userId,
    parentId: plan.parentId,
    prompt: plan.input.prompt,
    intent: plan.input.intent,
    colorMode: plan.input.colorMode,
    engine: plan.choice.engine,
    keySource: plan.choice.engine === "anthropic" ? plan.choice.keySource : null,
    variants,
    ...(output.understood !== undefined && { understood: output.understood }),
    ...(output.notUnderstood !== undefined && { notUnderstood: output.notUnderstood }),
  });
  return { icon: asset, ...(output.changes !== undefined && { changes: [...output.changes] }) };
};
