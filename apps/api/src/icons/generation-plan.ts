import { type CreateIconBody, ICON_LIMITS, type Variant } from "@parametric-portal/contracts/icons";
import type { Database } from "@parametric-portal/database/client";
import type { LocalReference, ParameterSpec } from "@parametric-portal/icon-kit/engine-contract";
import { TOOL_PARAMETERS } from "@parametric-portal/icon-kit/tool-parameters";
import { isToolId, readPrompt } from "@parametric-portal/icon-kit/vocabulary";
import { resolveUserAnthropicKey } from "../auth/api-keys";
import type { Config } from "../config";
import { ApiError, badRequest } from "../http/errors";
import { type GenerationFailure, notUnderstood } from "./generation-failure";
import type { GenerationInput } from "./generation-input";
import type { GenerationQuota } from "./generation-quota";
import type { IconsRepository, KeySource } from "./icons-repository";
import { sanitiseInputSvg } from "./svg-safety";

/**
 * Everything decided before any work is paid for: limits, reading the prompt (a new icon the
 * local reader cannot place is refused for either engine, so a nonsense prompt costs no quota
 * and no model call), input sanitising, the parent and its variant, live parameters, the engine
 * and key, and the quota. Input errors here are thrown as ordinary JSON errors (an SSE stream has not
 * started yet); a prompt that is not understood is a refusal value, which the route answers in the
 * protocol the client asked for.
 */

export type EngineChoice =
  | { readonly engine: "local" }
  | { readonly engine: "anthropic"; readonly apiKey: string; readonly keySource: KeySource };

export interface GenerationPlan {
  readonly userId: string;
  readonly parentId: string | null;
  readonly input: GenerationInput;
  readonly choice: EngineChoice;
  /**
   * Settles the quota place once the generation ended: freed after it was stored or when the
   * failure was not billed, kept for 24 hours when the model may have been paid.
   */
  readonly settle: (failure?: GenerationFailure) => Promise<void>;
}

/** A plan, or the honest refusal of a prompt nothing could be drawn from (answered in the client's protocol). */
export type Planned =
  | { readonly ok: true; readonly plan: GenerationPlan }
  | { readonly ok: false; readonly failure: GenerationFailure };

export interface PlanDeps {
  readonly repository: IconsRepository;
  readonly serverKey: string | undefined;
  readonly dailyQuota: number;
  readonly resolveUserKey: (userId: string) => Promise<string | null>;
  readonly quota: GenerationQuota;
}

const tooLarge = (field: string) =>
  new ApiError(
    "SVG_TOO_LARGE",
    `${field} is larger than ${ICON_LIMITS.svgMaxBytes / 1024} KiB; simplify or shrink the SVG.`,
    { field },
  );

const checkedSvg = (svg: string, field: string): string => {
  if (Buffer.byteLength(svg, "utf8") > ICON_LIMITS.svgMaxBytes) throw tooLarge(field);
  return sanitiseInputSvg(svg, field);
};

const chooseEngine = async (deps: PlanDeps, userId: string, wanted: string): Promise<EngineChoice> => {
  if (wanted === "local") return { engine: "local" };
  const userKey = await deps.resolveUserKey(userId);
  if (userKey !== null) return { engine: "anthropic", apiKey: userKey, keySource: "user" };
  if (deps.serverKey !== undefined)
    return { engine: "anthropic", apiKey: deps.serverKey, keySource: "server" };
  if (wanted === "anthropic") {
    throw badRequest(
      "ENGINE_UNAVAILABLE",
      "engine is anthropic but no Anthropic key is available; add your key in account settings or use engine auto/local.",
      { field: "body.engine" },
    );
  }
  return { engine: "local" };
};

/** The local reference of a stored variant; none for Claude's variants and rows from before parameters were stored. */
const referenceOf = (variant: Variant): LocalReference | undefined =>
  variant.tool !== undefined && variant.params !== undefined && isToolId(variant.tool)
    ? {
        tool: variant.tool,
        params: variant.params,
        ...(variant.construction !== undefined && { construction: variant.construction }),
      }
    : undefined;

export const planGeneration = async (
  deps: PlanDeps,
  userId: string,
  body: CreateIconBody,
): Promise<Planned> => {
  if (body.prompt.trim() === "") {
    throw badRequest("VALIDATION_FAILED", "body.prompt is blank; describe the tool in a few words.", {
      field: "body.prompt",
    });
  }
  const intent = body.intent ?? "create";
  if (body.params !== undefined && (intent !== "refine" || body.parentId === undefined)) {
    throw badRequest(
      "VALIDATION_FAILED",
      "body.params sets the parameters of an icon being refined; send it with intent refine and parentId.",
      { field: "body.params" },
    );
  }
  if (body.parentVariant !== undefined && body.parentId === undefined) {
    throw badRequest("VALIDATION_FAILED", "body.parentVariant needs parentId: the icon it is a variant of.", {
      field: "body.parentVariant",
    });
  }
  // A refinement names a change ("larger"), not a tool: its tool comes from the parent.
  if (intent === "create") {
    const reading = readPrompt(body.prompt);
    if (reading.status === "not_understood") return { ok: false, failure: notUnderstood(reading) };
  }
  let referenceSvg =
    body.referenceSvg === undefined ? undefined : checkedSvg(body.referenceSvg, "body.referenceSvg");
  const attachments = (body.attachments ?? []).map((attachment, i) => ({
    name: attachment.name,
    svg: checkedSvg(attachment.svg, `body.attachments.${i}.svg`),
  }));
  let parentId: string | null = null;
  let reference: LocalReference | undefined;
  if (body.parentId !== undefined) {
    const parent = await deps.repository.findOwned(userId, body.parentId);
    // Someone else's icon looks exactly like a missing one.
    if (parent === null)
      throw new ApiError("NOT_FOUND", "The parent icon was not found.", { field: "body.parentId" });
    parentId = parent.id;
    const index = body.parentVariant ?? 0;
    const variant = parent.variants[index];
    if (variant === undefined) {
      throw badRequest(
        "VALIDATION_FAILED",
        `body.parentVariant is ${index} but the parent icon has ${parent.variants.length} variant(s); use 0 to ${parent.variants.length - 1}.`,
        { field: "body.parentVariant" },
      );
    }
    referenceSvg ??= variant.svg;
    reference = referenceOf(variant);
  }
  if (body.params !== undefined) {
    if (body.engine !== "local") {
      throw badRequest(
        "VALIDATION_FAILED",
        `body.engine is ${body.engine ?? "auto"} but body.params is drawn by the local engine; send engine local.`,
        { field: "body.engine" },
      );
    }
    if (reference === undefined) {
      throw badRequest(
        "VALIDATION_FAILED",
        "body.params needs a parent variant drawn by the local engine with stored parameters; refine this one with words instead.",
        { field: "body.params" },
      );
    }
    checkParams(reference.tool, TOOL_PARAMETERS[reference.tool], body.params);
  }
  if (intent === "refine" && referenceSvg === undefined) {
    throw badRequest(
      "REFERENCE_REQUIRED",
      "intent refine needs referenceSvg or parentId: the icon to refine.",
      {
        field: "body.referenceSvg",
      },
    );
  }
  const choice = await chooseEngine(deps, userId, body.engine ?? "auto");
  let release = async (): Promise<void> => {};
  let spend = async (): Promise<void> => {};
  if (choice.engine === "anthropic" && choice.keySource === "server") {
    const reservation = await deps.quota.reserve(userId);
    if (reservation === null) {
      throw new ApiError(
        "QUOTA_EXCEEDED",
        `You have used all ${deps.dailyQuota} generations the server's key allows per 24 hours; add your own Anthropic key or use engine local.`,
        { field: "user", limit: deps.dailyQuota },
      );
    }
    release = reservation.release;
    spend = reservation.spend;
  }
  const plan: GenerationPlan = {
    userId,
    parentId,
    choice,
    settle: (failure) => (failure?.billed === true ? spend() : release()),
    input: {
      prompt: body.prompt,
      intent,
      colorMode: body.colorMode ?? "dark",
      variantCount: body.variantCount ?? 1,
      ...(referenceSvg !== undefined && { referenceSvg }),
      attachments,
      ...(reference !== undefined && { reference }),
      ...(body.params !== undefined && { params: body.params }),
    },
  };
  return { ok: true, plan };
};

/** Every key must be one of the tool's controls and every value inside its range. */
const checkParams = (
  tool: string,
  specs: readonly ParameterSpec[],
  params: Readonly<Record<string, number>>,
): void => {
  for (const [key, value] of Object.entries(params)) {
    const spec = specs.find((s) => s.key === key);
    const field = `body.params.${key}`;
    if (spec === undefined) {
      const known = specs.map((s) => s.key).join(", ") || "none";
      throw badRequest(
        "INVALID_PARAMS",
        `${field} is not a parameter of the ${tool} tool; use one of: ${known}.`,
        { field },
      );
    }
    if (!Number.isFinite(value) || value < spec.min || value > spec.max) {
      throw badRequest(
        "INVALID_PARAMS",
        `${field} is ${value}; ${spec.label} must be between ${spec.min} and ${spec.max}.`,
        { field, min: spec.min, max: spec.max },
      );
    }
  }
};

/** The caller's own stored Anthropic key (decrypted, marked used), or null when they saved none. */
export const userKeyResolver =
  (config: Config, database: Database) =>
  async (userId: string): Promise<string | null> =>
    (await resolveUserAnthropicKey(database, config.encryptionKey, userId))?.key ?? null;
