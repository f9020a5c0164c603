import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type Asset, ICON_LIMITS } from "@parametric-portal/contracts/icons";
import { PlainText, Uuid } from "@parametric-portal/contracts/primitives";
import type { Database } from "@parametric-portal/database/client";
import {
  COLOR_CHOICES,
  type ColorChoice,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportIcon,
  ExportInputError,
  MAX_SET_ITEMS,
  PNG_EXPORT_SIZES,
} from "@parametric-portal/icon-kit/export-options";
import { createPngRenderer } from "@parametric-portal/icon-kit/export-png";
import { loadResvgWasm } from "@parametric-portal/icon-kit/export-png-node";
import { type ExportedFile, exportIcons, type RenderPng } from "@parametric-portal/icon-kit/export-set";
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import { requireUser, userOf } from "../auth/current-user";
import { ApiError, badRequest } from "../http/errors";
import { createIconsRepository } from "./icons-repository";

/**
 * Icon exports: `GET /icons/:id/export` for one variant, `POST /icons/export` for a set. Every
 * format is made by icon-kit's `exportIcons`, the same code the web app runs.
 */
export interface IconsExportRoutesOptions {
  readonly database: Database;
  /** The PNG renderer; by default resvg-wasm loaded from the installed package. */
  readonly renderPng?: RenderPng;
}

const DOWNLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
/** A refine chain is followed this far back to find the name the user gave the icon. */
const MAX_NAME_DEPTH = 20;

const list = (values: readonly (string | number)[]) => values.join(", ");

const ExportOptionsSchema = {
  format: Type.Optional(
    Type.String({ maxLength: 20, description: `One of ${list(EXPORT_FORMATS)} (default svg).` }),
  ),
  colors: Type.Optional(
    Type.String({ maxLength: 20, description: `One of ${list(COLOR_CHOICES)} (default palette).` }),
  ),
  size: Type.Optional(
    Type.Integer({
      description: `PNG size, one of ${list(PNG_EXPORT_SIZES)} (default 24); with optical, also the size an SVG or component is drawn for.`,
    }),
  ),
  optical: Type.Optional(Type.Boolean({ description: "Thicker strokes and grips at 16–24 px." })),
  ids: Type.Optional(Type.Boolean({ description: "Keep the layer ids (default true)." })),
  title: Type.Optional(Type.Boolean({ description: "Add a <title> with the icon's name (default true)." })),
};

const ExportQuerySchema = Type.Object(
  {
    ...ExportOptionsSchema,
    variant: Type.Optional(Type.Integer({ minimum: 0, maximum: ICON_LIMITS.maxVariants - 1 })),
    name: Type.Optional(PlainText({ minLength: 1, maxLength: 120 })),
  },
  { additionalProperties: false },
);

const ExportSetBodySchema = Type.Object(
  {
    ...ExportOptionsSchema,
    items: Type.Array(
      Type.Object(
        {
          id: Uuid(),
          variant: Type.Optional(Type.Integer({ minimum: 0, maximum: ICON_LIMITS.maxVariants - 1 })),
          name: Type.Optional(PlainText({ minLength: 1, maxLength: 120 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_SET_ITEMS },
    ),
    sizes: Type.Optional(
      Type.Array(Type.Integer(), {
        minItems: 1,
        maxItems: PNG_EXPORT_SIZES.length,
        description: "PNG sizes in a ZIP.",
      }),
    ),
  },
  { additionalProperties: false },
);

type ExportOptions = Pick<Static<typeof ExportSetBodySchema>, keyof typeof ExportOptionsSchema | "sizes">;

const invalid = (field: string, message: string) =>
  badRequest("VALIDATION_FAILED", `${field} ${message}.`, [{ field, message }]);

function oneOf<T extends string | number>(
  field: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly unknown[]).includes(value))
    throw invalid(field, `must be one of ${list(allowed)}`);
  return value as T;
}

/** The request's options, checked: each bad one is a 400 naming it and its allowed values. */
function exportRequest(input: ExportOptions, where: "querystring" | "body") {
  const format = oneOf<ExportFormat>(`${where}.format`, input.format, EXPORT_FORMATS) ?? "svg";
  const colors = oneOf<ColorChoice>(`${where}.colors`, input.colors, COLOR_CHOICES);
  const size = oneOf(`${where}.size`, input.size, PNG_EXPORT_SIZES);
  for (const [i, s] of (input.sizes ?? []).entries()) oneOf(`${where}.sizes.${i}`, s, PNG_EXPORT_SIZES);
  return {
    format,
    ...(colors !== undefined && { colors }),
    ...(size !== undefined && { size }),
    ...(input.sizes !== undefined && { sizes: input.sizes }),
    ...(input.optical !== undefined && { optical: input.optical }),
    ...(input.ids !== undefined && { ids: input.ids }),
    ...(input.title !== undefined && { title: input.title }),
  };
}

const send = (reply: FastifyReply, file: ExportedFile) => {
  const text = file.contentType.startsWith("text/") || file.contentType === "image/svg+xml";
  if (file.contentType === "image/svg+xml") reply.header("content-security-policy", DOWNLOAD_CSP);
  return reply
    .header("content-type", text ? `${file.contentType}; charset=utf-8` : file.contentType)
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
};

export const iconsExportRoutes: FastifyPluginAsyncTypebox<IconsExportRoutesOptions> = async (
  app,
  options,
) => {
  const repository = createIconsRepository(options.database);
  const renderPng = options.renderPng ?? createPngRenderer(loadResvgWasm);

  /** The user's own words for the icon: a refine instruction never names it, its origin does. */
  const nameOf = async (userId: string, icon: Asset): Promise<string> => {
    let current = icon;
    for (let depth = 0; current.intent === "refine" && current.parentId && depth < MAX_NAME_DEPTH; depth++) {
      const parent = await repository.findOwned(userId, current.parentId);
      if (parent === null) break;
      current = parent;
    }
    return current.intent === "refine" ? "icon" : current.prompt;
  };

  const load = async (userId: string, id: string, index: number, name: string | undefined, field: string) => {
    const icon = await repository.findOwned(userId, id);
    const variant = icon?.variants.find((v) => v.index === index);
    // Someone else's icon is exactly as missing as one that never existed.
    if (icon === null || variant === undefined)
      throw new ApiError("NOT_FOUND", "The icon variant was not found.", { field });
    const exportIcon: ExportIcon = {
      name: name ?? (await nameOf(userId, icon)),
      svg: variant.svg,
      colorMode: icon.colorMode,
      toolType: variant.toolType,
    };
    return exportIcon;
  };

  const run = async (icons: ExportIcon[], request: ReturnType<typeof exportRequest>, where: string) => {
    try {
      return await exportIcons(icons, request, renderPng);
    } catch (error) {
      if (error instanceof ExportInputError) throw invalid(`${where}.${error.field}`, error.message);
      throw error;
    }
  };

  app.get(
    "/icons/:id/export",
    {
      preHandler: requireUser,
      // Rasterising costs CPU: well below the global limit.
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags: ["icons"],
        summary: "Download one variant as SVG, PNG, sprite, React, Vue or ZIP",
        params: Type.Object({ id: Uuid() }),
        querystring: ExportQuerySchema,
      },
    },
    async (request, reply) => {
      const query = request.query;
      const exportReq = exportRequest(query, "querystring");
      const icon = await load(
        userOf(request).id,
        request.params.id,
        query.variant ?? 0,
        query.name,
        "params.id",
      );
      return send(reply, await run([icon], exportReq, "querystring"));
    },
  );

  app.post(
    "/icons/export",
    {
      preHandler: requireUser,
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["icons"],
        summary: `Download a set of up to ${MAX_SET_ITEMS} icons as a sprite, React or Vue module, or ZIP`,
        body: ExportSetBodySchema,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const exportReq = exportRequest(body, "body");
      const userId = userOf(request).id;
      const icons: ExportIcon[] = [];
      for (const [i, item] of body.items.entries())
        icons.push(await load(userId, item.id, item.variant ?? 0, item.name, `body.items.${i}.id`));
      return send(reply, await run(icons, exportReq, "body"));
    },
  );
};
