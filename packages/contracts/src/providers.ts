/** Plain constants (no schema library): the browser bundle imports them as they are. */

/** The OAuth sign-in providers, in the order the sign-in page lists them. */
export const OAUTH_PROVIDERS = ["github", "google", "microsoft"] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDERS)[number];

export const OAUTH_PROVIDER_NAMES: Record<OAuthProviderId, string> = {
  github: "GitHub",
  google: "Google",
  microsoft: "Microsoft",
};

export const isOAuthProvider = (value: unknown): value is OAuthProviderId =>
  typeof value === "string" && (OAUTH_PROVIDERS as readonly string[]).includes(value);
