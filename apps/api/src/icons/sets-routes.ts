import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  AddSetItemsBodySchema,
  ListSetsQuerySchema,
  ListSetsResponseSchema,
  ReorderSetBodySchema,
  SET_LIMITS,
  SetIdParamsSchema,
  SetItemParamsSchema,
  SetNameBodySchema,
  SetResponseSchema,
  SetWithItemsResponseSchema,
} from "@parametric-portal/contracts/sets";
import type { Database } from "@parametric-portal/database/client";
import { requireUser, userOf } from "../auth/current-user";
import { notFound } from "../http/errors";
import { createSetsRepository } from "./sets-repository";

/** /api/sets: a user's named, ordered collections of library icons. */
export const setsRoutes: FastifyPluginAsyncTypebox<{ database: Database }> = async (app, { database }) => {
  const sets = createSetsRepository(database);
  const withItems = async (userId: string, id: string) => {
    const found = await sets.get(userId, id);
    if (found === null) throw notFound("The set");
    return found;
  };
  const tags = ["sets"];

  app.get(
    "/sets",
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "Your sets, newest first (keyset pagination)",
        querystring: ListSetsQuerySchema,
        response: { 200: ListSetsResponseSchema },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return sets.list(userOf(request).id, {
        limit: limit ?? SET_LIMITS.listDefaultLimit,
        ...(cursor !== undefined && { cursor }),
      });
    },
  );

  app.post(
    "/sets",
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "Create a set",
        body: SetNameBodySchema,
        response: { 201: SetResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ set: await sets.create(userOf(request).id, request.body.name.trim()) }),
  );

  app.get(
    "/sets/:id",
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "One set with its items in order",
        params: SetIdParamsSchema,
        response: { 200: SetWithItemsResponseSchema },
      },
    },
    async (request) => withItems(userOf(request).id, request.params.id),
  );

  app.patch(
    "/sets/:id",
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "Rename a set",
        params: SetIdParamsSchema,
        body: SetNameBodySchema,
        response: { 200: SetResponseSchema },
      },
    },
    async (request) => {
      const set = await sets.rename(userOf(request).id, request.params.id, request.body.name.trim());
      if (set === null) throw notFound("The set");
      return { set };
    },
  );

  app.delete(
    "/sets/:id",
    {
      preHandler: requireUser,
      schema: { tags, summary: "Delete a set (its icons stay)", params: SetIdParamsSchema },
    },
    async (request, reply) => {
      if (!(await sets.remove(userOf(request).id, request.params.id))) throw notFound("The set");
      return reply.status(204).send();
    },
  );

  app.post(
    "/sets/:id/items",
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "Add one or many icon variants to a set (they join the library)",
        params: SetIdParamsSchema,
        body: AddSetItemsBodySchema,
        response: { 200: SetWithItemsResponseSchema },
      },
    },
    async (request) => {
      const userId = userOf(request).id;
      await sets.addItems(userId, request.params.id, request.body.items);
      return withItems(userId, request.params.id);
    },
  );

  app.delete(
    "/sets/:id/items/:itemId",
    {
      preHandler: requireUser,
      schema: { tags, summary: "Remove an item from a set (the icon stays)", params: SetItemParamsSchema },
    },
    async (request, reply) => {
      const { id, itemId } = request.params;
      if (!(await sets.removeItem(userOf(request).id, id, itemId))) throw notFound("The set item");
      return reply.status(204).send();
    },
  );

  app.put(
    "/sets/:id/order",
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "Reorder a set: every item id, each once, in the new order",
        params: SetIdParamsSchema,
        body: ReorderSetBodySchema,
        response: { 200: SetWithItemsResponseSchema },
      },
    },
    async (request) => {
      const userId = userOf(request).id;
      await sets.reorder(userId, request.params.id, request.body.itemIds);
      return withItems(userId, request.params.id);
    },
  );
};
