import { type Static, Type } from "@sinclair/typebox";
import { API_KEY_LIMITS } from "./limits";
import { PlainText } from "./primitives";
import { OAUTH_PROVIDERS } from "./providers";

/** Wire shapes of /api/auth/*, shared by the API (validation, OpenAPI) and the web app (types). */

export const OAuthProviderId = Type.Union(OAUTH_PROVIDERS.map((id) => Type.Literal(id)));
export type OAuthProviderId = Static<typeof OAuthProviderId>;

export { AUTH_ERROR_CODES, type AuthErrorCode } from "./errors";

export const ProvidersResponse = Type.Object({
  providers: Type.Array(
    Type.Object({ id: OAuthProviderId, name: Type.String(), configured: Type.Boolean() }),
  ),
  devSignIn: Type.Boolean(),
});
export type ProvidersResponse = Static<typeof ProvidersResponse>;

export const PublicUser = Type.Object({
  id: Type.String({ format: "uuid" }),
  email: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
});
export type PublicUser = Static<typeof PublicUser>;

/** Body of GET /api/auth/me and POST /api/auth/dev/sign-in. */
export const MeResponse = Type.Object({
  user: PublicUser,
  /** Send back as the `x-csrf-token` header on every POST/PUT/PATCH/DELETE. */
  csrfToken: Type.String(),
  /**
   * Which Anthropic key Claude generations would use: the user's own saved key, the server's
   * ANTHROPIC_API_KEY, or none (then only the local engine can run).
   */
  engines: Type.Object({
    anthropic: Type.Union([Type.Literal("user"), Type.Literal("server"), Type.Null()]),
  }),
});
export type MeResponse = Static<typeof MeResponse>;

/** Body of GET /api/auth/me for a browser that sends no session cookie: nobody is signed in. */
export const SignedOutResponse = Type.Object({ user: Type.Null() });
export type SignedOutResponse = Static<typeof SignedOutResponse>;

export const DevSignInBody = Type.Object(
  {
    email: Type.Optional(Type.String({ format: "email", maxLength: 254 })),
    name: Type.Optional(PlainText({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type DevSignInBody = Static<typeof DevSignInBody>;

export const ApiKeyProvider = Type.Literal("anthropic");

export const ApiKeyItem = Type.Object({
  id: Type.String({ format: "uuid" }),
  provider: ApiKeyProvider,
  name: Type.String(),
  /** Masked, e.g. "sk-ant-…abcd"; the clear key is never sent back. */
  hint: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  lastUsedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
export type ApiKeyItem = Static<typeof ApiKeyItem>;

export const ApiKeyListResponse = Type.Object({ keys: Type.Array(ApiKeyItem) });
export type ApiKeyListResponse = Static<typeof ApiKeyListResponse>;

export const CreateApiKeyBody = Type.Object(
  {
    provider: ApiKeyProvider,
    // Printable characters only, no leading/trailing blanks.
    name: Type.String({
      minLength: 1,
      maxLength: API_KEY_LIMITS.nameMaxLength,
      pattern: "^[\\x21-\\x7E](?:[\\x20-\\x7E]*[\\x21-\\x7E])?$",
    }),
    key: Type.String({ minLength: 20, maxLength: 512, pattern: "^[\\x21-\\x7E]+$" }),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

/**
 * What Anthropic said about the key when it was saved (`GET /v1/models?limit=1`). The key is
 * saved whatever the answer: a refused key stays listed so the user can see it and delete or
 * replace it; "could_not_check" means the server could not ask (network, deadline, Anthropic
 * down), not that the key is bad. Returned with the save only, not stored.
 */
export const ApiKeyCheck = Type.Union([
  Type.Literal("valid"),
  Type.Literal("refused"),
  Type.Literal("could_not_check"),
]);
export type ApiKeyCheck = Static<typeof ApiKeyCheck>;

export const CreateApiKeyResponse = Type.Object({
  key: ApiKeyItem,
  check: ApiKeyCheck,
  checkedAt: Type.String({ format: "date-time" }),
  /** The check's outcome in words, e.g. "Anthropic did not answer within 5 s." */
  checkReason: Type.String(),
});
export type CreateApiKeyResponse = Static<typeof CreateApiKeyResponse>;
