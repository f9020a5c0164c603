import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  BulkDeleteBodySchema,
  BulkDeleteResponseSchema,
  IconIdParamsSchema,
  IconResponseSchema,
  UpdateIconBodySchema,
} from "@parametric-portal/contracts/icons";
import { requireUser, userOf } from "../auth/current-user";
import { badRequest, notFound } from "../http/errors";
import type { IconsRepository } from "./icons-repository";

/** The library's writes on stored icons: keep, un-keep, rename and multi-select delete. */
export const iconsLibraryRoutes: FastifyPluginAsyncTypebox<{ repository: IconsRepository }> = async (
  app,
  { repository },
) => {
  const keepRoute = (method: "PUT" | "DELETE", kept: boolean, summary: string) =>
    app.route({
      method,
      url: "/icons/:id/keep",
      preHandler: requireUser,
      schema: { tags: ["icons"], summary, params: IconIdParamsSchema, response: { 200: IconResponseSchema } },
      handler: async (request) => {
        const icon = await repository.setKept(userOf(request).id, request.params.id, kept);
        if (icon === null) throw notFound("The icon");
        return { icon };
      },
    });
  keepRoute("PUT", true, "Keep an icon: it joins the library (the history has every generation)");
  keepRoute(
    "DELETE",
    false,
    "Un-keep an icon: it leaves the library and every set, and stays in the history",
  );

  app.patch(
    "/icons/:id",
    {
      preHandler: requireUser,
      schema: {
        tags: ["icons"],
        summary: "Rename an icon (a label shown instead of the prompt; null clears it)",
        params: IconIdParamsSchema,
        body: UpdateIconBodySchema,
        response: { 200: IconResponseSchema },
      },
    },
    async (request) => {
      const name = request.body.name === null ? null : request.body.name.trim();
      if (name === "")
        throw badRequest("INVALID_NAME", "name needs a visible character; send null to clear the label.", {
          field: "body.name",
        });
      const icon = await repository.rename(userOf(request).id, request.params.id, name);
      if (icon === null) throw notFound("The icon");
      return { icon };
    },
  );

  app.post(
    "/icons/bulk-delete",
    {
      preHandler: requireUser,
      schema: {
        tags: ["icons"],
        summary: "Delete many icons at once (soft delete; they leave every set)",
        body: BulkDeleteBodySchema,
        response: { 200: BulkDeleteResponseSchema },
      },
    },
    async (request) => ({ deleted: await repository.bulkDelete(userOf(request).id, request.body.ids) }),
  );
};
