import { setTimeout as sleep } from "node:timers/promises";
import type { Asset } from "@parametric-portal/contracts/icons";
import { generateLocalIcons } from "@parametric-portal/icon-kit/local-engine";
import { ApiError, isDatabaseUnavailable } from "../http/errors";
import { generateWithAnthropic } from "./anthropic-engine";
import { finishVariants } from "./finish-variants";
import type { EngineOutput, ProgressListener } from "./generation-input";
import type { GenerationPlan } from "./generation-plan";
import type { IconsRepository, NewAsset } from "./icons-repository";
import { clientCancelled } from "./provider-errors";

export interface RunDeps {
  readonly repository: IconsRepository;
  readonly anthropic: { readonly baseUrl?: string; readonly model: string; readonly timeoutMs: number };
  /** Counts every attempt by engine and outcome ("success" or the error code) for the metrics. */
  readonly recordOutcome?: (engine: string, outcome: string) => void;
  /** Told about each failed insert that will be retried. */
  readonly onStoreRetry?: (error: unknown, attempt: number) => void;
}

// About ten seconds in all: a database failover or a dropped connection, not a long outage.
const STORE_RETRY_DELAYS_MS = [250, 1_000, 3_000, 6_000];

/** The answer is already paid for: a database blip must not lose it, so the insert is retried. */
const store = async (deps: RunDeps, asset: NewAsset): Promise<Asset> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await deps.repository.insert(asset);
    } catch (error) {
      const delay = STORE_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isDatabaseUnavailable(error)) throw error;
      deps.onStoreRetry?.(error, attempt + 1);
      await sleep(delay);
    }
  }
};

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
    });
  }
  onProgress({ stage: "generating", message: "Drawing with the local parametric engine…" });
  const result = generateLocalIcons({
    prompt: plan.input.prompt,
    variantCount: plan.input.variantCount,
    colorMode: plan.input.colorMode,
    intent: plan.input.intent,
    ...(plan.input.referenceSvg !== undefined && { referenceSvg: plan.input.referenceSvg }),
  });
  if (result.status !== "ok") {
    const code = result.status === "refused" ? "PROMPT_REFUSED" : "PROMPT_NOT_UNDERSTOOD";
    throw new ApiError(422, code, result.message, result);
  }
  return {
    variants: [...result.variants],
    understood: [...result.understood],
    notUnderstood: [...result.unknown],
  };
};

/**
 * Generates, checks and stores. The single insert happens only after every variant is ready,
 * and it happens even if the client left meanwhile: a paid answer is never thrown away.
 */
export const runGeneration = async (
  plan: GenerationPlan,
  deps: RunDeps,
  signal: AbortSignal,
  onProgress: ProgressListener,
): Promise<Asset> => {
  try {
    const asset = await generateAndStore(plan, deps, signal, onProgress);
    deps.recordOutcome?.(plan.choice.engine, "success");
    return asset;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    deps.recordOutcome?.(plan.choice.engine, typeof code === "string" ? code : "error");
    throw error;
  }
};

const generateAndStore = async (
  plan: GenerationPlan,
  deps: RunDeps,
  signal: AbortSignal,
  onProgress: ProgressListener,
): Promise<Asset> => {
  if (signal.aborted) throw clientCancelled();
  const output = await runEngine(plan, deps, signal, onProgress);
  onProgress({
    stage: "checking",
    message: "Sanitising and checking the design rules…",
    variantsReceived: output.variants.length,
  });
  const variants = finishVariants(output.variants);
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
  // Before the client hears of it: the stored asset now counts instead of the reservation, so an
  // immediate next request is not refused for a place this one no longer holds.
  await plan.release();
  return asset;
};
