import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  CreateIconBodySchema,
  type ErrorEvent,
  ICON_LIMITS,
  IconIdParamsSchema,
  IconResponseSchema,
  ListIconsQuerySchema,
  ListIconsResponseSchema,
  VariantParamsSchema,
} from "@parametric-portal/contracts/icons";
import type { Database } from "@parametric-portal/database/client";
import { requireUser, userOf } from "../auth/current-user";
import type { Config } from "../config";
import { ApiError, notFound, toErrorResponse } from "../http/errors";
import { type GenerationTokens, type Metrics, recordGenerationTokens } from "../http/metrics";
import { downloadName } from "./download-name";
import { openEventStream, wantsEventStream } from "./event-stream";
import { type GenerationPlan, planGeneration, settleQuota } from "./generation-plan";
import { createGenerationQuota } from "./generation-quota";
import { PROMPT_NOT_UNDERSTOOD } from "./honest-answers";
import { iconsExportRoutes } from "./icons-export-routes";
import { iconsLibraryRoutes } from "./icons-library-routes";
import { createIconsRepository } from "./icons-repository";
import { runGeneration } from "./run-generation";
import { setsRoutes } from "./sets-routes";
import { userKeyResolver } from "./user-key";

export interface IconsRoutesOptions {
  readonly config: Config;
  readonly database: Database;
  readonly metrics?: Metrics;
}

/** An SSE `error` event: the same code, message and details a JSON answer would carry. */
const errorEvent = (error: Error): ErrorEvent => {
  const { body } = toErrorResponse(error);
  return {
    code: body.code,
    message: body.message,
    ...(body.details !== undefined && { details: body.details as Record<string, unknown> }),
  };
};

// Whole-SVG downloads must never run as a page: no script, no plugins, no network.
const DOWNLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export const iconsRoutes: FastifyPluginAsyncTypebox<IconsRoutesOptions> = async (app, options) => {
  const repository = createIconsRepository(options.database);
  await app.register(iconsExportRoutes, { database: options.database });
  await app.register(iconsLibraryRoutes, { repository });
  await app.register(setsRoutes, { database: options.database });
  const planDeps = {
    repository,
    serverKey: options.config.anthropic.apiKey,
    dailyQuota: options.config.iconDailyQuota,
    resolveUserKey: userKeyResolver(options.config, options.database),
    quota: createGenerationQuota(options.database, {
      dailyQuota: options.config.iconDailyQuota,
      // A reservation outlives the longest generation (the model deadline) plus time to store it.
      reservationTtlMs: options.config.anthropic.timeoutMs + 60_000,
      onReleaseError: (error) =>
        app.log.warn({ err: error }, "releasing a generation quota reservation failed"),
    }),
  };
  const generations = options.metrics?.generations;
  const runDeps = {
    repository,
    anthropic: options.config.anthropic,
    recordOutcome: (engine: string, outcome: string) => generations?.inc({ engine, outcome }),
    // Counts only: never any prompt text.
    recordTokens: (engine: string, tokens: GenerationTokens) => {
      if (options.metrics) recordGenerationTokens(options.metrics, engine, tokens);
      app.log.info({ engine, tokens }, "model tokens used by a generation");
    },
    onStoreRetry: (error: unknown, attempt: number) =>
      app.log.warn({ err: error, attempt }, "storing a generation failed; retrying"),
  };

  app.post(
    "/icons",
    {
      preHandler: requireUser,
      // Generation is the expensive call: far below the global limit.
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["icons"],
        summary: "Generate icon variants (JSON, or Server-Sent Events with Accept: text/event-stream)",
        body: CreateIconBodySchema,
        response: { 201: IconResponseSchema },
      },
    },
    async (request, reply) => {
      const streaming = wantsEventStream(request.headers.accept);
      let plan: GenerationPlan;
      try {
        plan = await planGeneration(planDeps, userOf(request).id, request.body);
      } catch (error) {
        // A prompt nothing could be drawn from is an answer, not a broken request: a client that
        // asked for events hears it as one, with the same code, message and details.
        if (!streaming || !(error instanceof ApiError) || error.code !== PROMPT_NOT_UNDERSTOOD) throw error;
        request.log.info({ code: error.code }, "generation refused");
        const events = openEventStream(reply);
        events.send("error", errorEvent(error));
        events.end();
        return reply;
      }
      const controller = new AbortController();
      // The response closing before we finished means the client went away: stop paying.
      const onClose = () => {
        if (!reply.raw.writableFinished) controller.abort();
      };
      reply.raw.on("close", onClose);
      let failure: unknown;
      if (!streaming) {
        try {
          const generated = await runGeneration(plan, runDeps, controller.signal, () => {});
          return reply.status(201).send(generated);
        } catch (error) {
          failure = error;
          const retryAfter = (error as ApiError).details as { retryAfter?: number } | undefined;
          if (error instanceof ApiError && typeof retryAfter?.retryAfter === "number") {
            reply.header("retry-after", String(retryAfter.retryAfter));
          }
          throw error;
        } finally {
          await settleQuota(plan, failure);
          reply.raw.off("close", onClose);
        }
      }
      const events = openEventStream(reply);
      events.send("progress", { stage: "queued", message: "Starting…" });
      try {
        const generated = await runGeneration(plan, runDeps, controller.signal, (event) =>
          events.send("progress", event),
        );
        events.send("done", generated);
      } catch (error) {
        failure = error;
        const { status, body } = toErrorResponse(error as Error);
        if (status >= 500 && !(error instanceof ApiError))
          request.log.error({ err: error }, "generation failed");
        else request.log.info({ code: body.code }, "generation failed");
        events.send("error", errorEvent(error as Error));
      } finally {
        await settleQuota(plan, failure);
        reply.raw.off("close", onClose);
        events.end();
      }
      return reply;
    },
  );

  app.get(
    "/icons",
    {
      preHandler: requireUser,
      schema: {
        tags: ["icons"],
        summary:
          "Your icons as light summaries (one thumbnail each): history or library, search, filters, sort, keyset pages",
        querystring: ListIconsQuerySchema,
        response: { 200: ListIconsResponseSchema },
      },
    },
    async (request) => {
      const { limit, ...query } = request.query;
      return repository.list(userOf(request).id, { ...query, limit: limit ?? ICON_LIMITS.listDefaultLimit });
    },
  );

  app.get(
    "/icons/:id",
    {
      preHandler: requireUser,
      schema: {
        tags: ["icons"],
        summary: "One icon with all its variants and design findings",
        params: IconIdParamsSchema,
        response: { 200: IconResponseSchema },
      },
    },
    async (request) => {
      const icon = await repository.findOwned(userOf(request).id, request.params.id);
      if (icon === null) throw notFound("The icon");
      return { icon };
    },
  );

  app.get(
    "/icons/:id/variants/:n.svg",
    {
      preHandler: requireUser,
      schema: {
        tags: ["icons"],
        summary: "Download one variant as an SVG attachment",
        params: VariantParamsSchema,
      },
    },
    async (request, reply) => {
      const icon = await repository.findOwned(userOf(request).id, request.params.id);
      const variant = icon?.variants.find((v) => v.index === request.params.n);
      if (icon === null || variant === undefined) throw notFound("The icon variant");
      return reply
        .header("content-type", "image/svg+xml; charset=utf-8")
        .header("content-disposition", `attachment; filename="${downloadName(icon.prompt, variant.index)}"`)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", DOWNLOAD_CSP)
        .header("cache-control", "private, no-store")
        .send(variant.svg);
    },
  );

  app.delete(
    "/icons/:id",
    {
      preHandler: requireUser,
      schema: { tags: ["icons"], summary: "Delete an icon (soft delete)", params: IconIdParamsSchema },
    },
    async (request, reply) => {
      if (!(await repository.softDelete(userOf(request).id, request.params.id))) throw notFound("The icon");
      return reply.status(204).send();
    },
  );
};
