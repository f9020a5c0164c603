import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  BulkDeleteBodySchema,
  BulkDeleteResponseSchema,
  IconIdParamsSchema,
  IconResponseSchema,
  KeepIconBodySchema,
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
  app.put(
    "/icons/:id/keep",
    {
      // A keep without a pick (History's toggle) sends no body; Fastify validates a missing body
      // against the object schema and would refuse it, so it is read as the empty object.
      preValidation: async (request) => {
        request.body ??= {};
      },
      preHandler: requireUser,
      schema: {
        tags: ["icons"],
        summary: "Keep an icon: it joins the library (the history has every generation)",
        description:
          "The body is optional: `{ variant }` records the variant the user picked (the list's thumbnail and the default when added to a set); no body keeps the pick as it was.",
        params: IconIdParamsSchema,
        body: KeepIconBodySchema,
        response: { 200: IconResponseSchema },
      },
    },
    async (request) => {
      const icon = await repository.setKept(
        userOf(request).id,
        request.params.id,
        true,
        request.body.variant,
      );
      if (icon === null) throw notFound("The icon");
      return { icon };
    },
  );
  app.delete(
    "/icons/:id/keep",
    {
      preHandler: requireUser,
      schema: {
        tags: ["icons"],
        summary:
          "Un-keep an icon: it leaves the library and every set, stays in the history, and forgets its pick",
        params: IconIdParamsSchema,
        response: { 200: IconResponseSchema },
      },
    },
    async (request) => {
      const icon = await repository.setKept(userOf(request).id, request.params.id, false);
      if (icon === null) throw notFound("The icon");
      return { icon };
    },
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
