import type { OAuthProvider } from "../config";

/** The sign-in providers, in the order the web app shows them. */
export const PROVIDERS: ReadonlyArray<{ readonly id: OAuthProvider; readonly name: string }> = [
  { id: "github", name: "GitHub" },
  { id: "google", name: "Google" },
  { id: "microsoft", name: "Microsoft" },
];

export const isProvider = (value: string): value is OAuthProvider =>
  PROVIDERS.some((provider) => provider.id === value);
