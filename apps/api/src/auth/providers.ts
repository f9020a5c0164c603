import {
  OAUTH_PROVIDER_NAMES,
  OAUTH_PROVIDERS,
  type OAuthProviderId,
} from "@parametric-portal/contracts/providers";

/** The sign-in providers, in the order the web app shows them. */
export const PROVIDERS: ReadonlyArray<{ readonly id: OAuthProviderId; readonly name: string }> =
  OAUTH_PROVIDERS.map((id) => ({ id, name: OAUTH_PROVIDER_NAMES[id] }));

export { isOAuthProvider as isProvider } from "@parametric-portal/contracts/providers";
