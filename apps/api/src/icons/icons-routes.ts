import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  CreateIconBodySchema,
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
import { notFound } from "../http/errors";
import { type GenerationTokens, type Metrics, recordGenerationTokens } from "../http/metrics";
import { downloadName } from "./download-name";
import { eventStreamSink, jsonSink, wantsEventStream } from "./event-stream";
import { planGeneration, userKeyResolver } from "./generation-plan";
import { createGenerationQuota } from "./generation-quota";
import { iconsExportRoutes } from "./icons-export-routes";
import { iconsLibraryRoutes } from "./icons-library-routes";
import { createIconsRepository } from "./icons-repository";
import { runGeneration } from "./run-generation";
import { setsRoutes } from "./sets-routes";

export interface IconsRoutesOptions {
  readonly config: Config;
  readonly database: Database;
  readonly metrics?: Metrics;
}

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
      const planned = await planGeneration(planDeps, userOf(request).id, request.body);
      const streaming = wantsEventStream(request.headers.accept);
      // A prompt nothing could be drawn from is an answer, not a broken request: a client that
      // asked for events hears it as one, with the same code, message and details.
      if (!planned.ok) {
        if (streaming) {
          eventStreamSink(reply, request.log).failed(planned.failure);
          return reply;
        }
        const refusal = jsonSink(request.log);
        refusal.failed(planned.failure);
        return refusal.send(reply);
      }
      const controller = new AbortController();
      // The response closing before we finished means the client went away: stop paying.
      const onClose = () => {
        if (!reply.raw.writableFinished) controller.abort();
      };
      reply.raw.on("close", onClose);
      const json = streaming ? undefined : jsonSink(request.log);
      try {
        await runGeneration(
          planned.plan,
          runDeps,
          controller.signal,
          json ?? eventStreamSink(reply, request.log),
        );
      } finally {
        reply.raw.off("close", onClose);
      }
      return json === undefined ? reply : json.send(reply);
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
      // The repository builds each summary field by field in the schema's order, so the schema
      // serializer's per-field escaping (two passes over each ~700-character thumbnail) buys
      // nothing here over V8's one-pass JSON.stringify; the schema still documents the answer.
      serializerCompiler: () => (data) => JSON.stringify(data),
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
