import type { IDToken } from "oauth4webapi";
import type { OAuthProvider } from "../config";
import { SignInError } from "./sign-in-error";

/** Who the provider says signed in. `emailVerified` decides whether the address may link accounts. */
export interface Profile {
  readonly providerAccountId: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly name: string | null;
  readonly avatarUrl: string | null;
}

const text = (value: unknown, max = 500): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, max) : null;

const httpsUrl = (value: unknown): string | null => {
  const url = text(value, 2000);
  return url?.startsWith("https://") ? url : null;
};

/**
 * Google: `email_verified`. Microsoft: `email` is whatever the tenant admin typed unless a claim
 * vouches for it: `email_verified`, `xms_edov` (domain owner verified) or `verified_primary_email`.
 */
const verified = (provider: OAuthProvider, claims: IDToken, email: string | null): boolean => {
  if (email === null) return false;
  if (claims.email_verified === true) return true;
  if (provider !== "microsoft") return false;
  if (claims.xms_edov === true) return true;
  const primary = claims.verified_primary_email;
  return (
    Array.isArray(primary) &&
    primary.some((e) => typeof e === "string" && e.toLowerCase() === email.toLowerCase())
  );
};

export const oidcProfile = (provider: OAuthProvider, claims: IDToken): Profile => {
  const email = text(claims.email, 254);
  return {
    // `sub` is stable per user and app; for Entra ID it is pairwise, which suits linking.
    providerAccountId: claims.sub,
    email,
    emailVerified: verified(provider, claims, email),
    name: text(claims.name, 200),
    avatarUrl: httpsUrl(claims.picture),
  };
};

interface GitHubUser {
  id?: unknown;
  login?: unknown;
  name?: unknown;
  avatar_url?: unknown;
}
interface GitHubEmail {
  email?: unknown;
  primary?: unknown;
  verified?: unknown;
}

const getJson = async <T>(url: string, accessToken: string, signal: () => AbortSignal): Promise<T> => {
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: "application/vnd.github+json",
      "user-agent": "parametric-portal",
      "x-github-api-version": "2022-11-28",
    },
    signal: signal(),
  });
  if (!response.ok) throw new Error(`GitHub ${new URL(url).pathname} answered ${response.status}`);
  return (await response.json()) as T;
};

/** GitHub has no ID token: the account comes from /user, the verified address from /user/emails. */
export const githubProfile = async (
  apiUrl: string,
  accessToken: string,
  signal: () => AbortSignal,
): Promise<Profile> => {
  let user: GitHubUser;
  let emails: GitHubEmail[];
  try {
    [user, emails] = await Promise.all([
      getJson<GitHubUser>(`${apiUrl}/user`, accessToken, signal),
      getJson<GitHubEmail[]>(`${apiUrl}/user/emails`, accessToken, signal),
    ]);
  } catch (error) {
    throw new SignInError("profile_unavailable", (error as Error).message);
  }
  if (typeof user.id !== "number" && typeof user.id !== "string") {
    throw new SignInError("profile_unavailable", "GitHub /user has no id");
  }
  const list = Array.isArray(emails) ? emails : [];
  const chosen =
    list.find((e) => e.primary === true && e.verified === true) ?? list.find((e) => e.verified === true);
  const email = text(chosen?.email, 254);
  return {
    providerAccountId: String(user.id),
    email,
    emailVerified: email !== null,
    name: text(user.name, 200) ?? text(user.login, 200),
    avatarUrl: httpsUrl(user.avatar_url),
  };
};
