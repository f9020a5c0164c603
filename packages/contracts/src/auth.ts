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

export const CreateApiKeyResponse = Type.Object({ key: ApiKeyItem });
export type CreateApiKeyResponse = Static<typeof CreateApiKeyResponse>;
