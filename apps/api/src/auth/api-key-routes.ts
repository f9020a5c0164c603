import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ApiKeyListResponse,
  CreateApiKeyBody,
  CreateApiKeyResponse,
} from "@parametric-portal/contracts/auth";
import { Uuid } from "@parametric-portal/contracts/primitives";
import type { Database } from "@parametric-portal/database/client";
import { Type } from "@sinclair/typebox";
import { ApiError, notFound } from "../http/errors";
import { checkAnthropicKey } from "./api-key-check";
import { createApiKey, deleteApiKey, encryptionKeyRequired, listApiKeys } from "./api-keys";
import { requireUser, userOf } from "./current-user";

export interface ApiKeyRoutesOptions {
  readonly database: Database;
  readonly encryptionKey: Buffer | undefined;
  /** ANTHROPIC_BASE_URL, where saved keys are checked. */
  readonly anthropicBaseUrl: string | undefined;
  /** ANTHROPIC_KEY_CHECK_TIMEOUT_MS: short, the user is waiting on the save. */
  readonly keyCheckTimeoutMs: number;
}

const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() });

export const apiKeyRoutes: FastifyPluginAsyncTypebox<ApiKeyRoutesOptions> = async (
  app,
  { database, encryptionKey, anthropicBaseUrl, keyCheckTimeoutMs },
) => {
  app.addHook("preHandler", requireUser);

  app.get(
    "/auth/apikeys",
    {
      schema: {
        tags: ["auth"],
        summary: "Your saved provider API keys (masked)",
        response: { 200: ApiKeyListResponse, 401: ErrorBody },
      },
    },
    async (request) => ({ keys: await listApiKeys(database, userOf(request).id) }),
  );

  app.post(
    "/auth/apikeys",
    {
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary:
          "Save a provider API key; it is encrypted and never shown again. Anthropic is asked whether it accepts the key (check: valid, refused or could_not_check); the key is saved either way",
        body: CreateApiKeyBody,
        response: { 201: CreateApiKeyResponse, 401: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const key = await createApiKey(
        database,
        encryptionKeyRequired(encryptionKey),
        userOf(request).id,
        request.body,
      );
      if (!key)
        throw new ApiError("API_KEY_NAME_TAKEN", `You already have a key named "${request.body.name}".`);
      // Checked after saving, so a duplicate name costs no Anthropic call; a refused key stays
      // saved (the answer says so) for the user to delete or replace.
      const check = await checkAnthropicKey(request.body.key, {
        ...(anthropicBaseUrl !== undefined && { baseUrl: anthropicBaseUrl }),
        timeoutMs: keyCheckTimeoutMs,
      });
      request.log.info({ apiKeyId: key.id, check: check.check }, "saved API key checked");
      return reply.status(201).send({ key, ...check });
    },
  );

  app.delete(
    "/auth/apikeys/:id",
    {
      schema: {
        tags: ["auth"],
        summary: "Delete one of your API keys",
        params: Type.Object({ id: Uuid() }),
        response: { 204: Type.Null(), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      if (!(await deleteApiKey(database, userOf(request).id, request.params.id)))
        throw notFound("The API key");
      return reply.status(204).send(null);
    },
  );
};
