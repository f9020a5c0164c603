import type {
  MeResponse,
  OAuthProviderId as ProviderId,
  ProvidersResponse,
  MeResponse as SessionResponse,
  SignedOutResponse,
  PublicUser as User,
} from "@parametric-portal/contracts/auth";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { API_URL } from "../api-url";
import { ApiError, apiJson, setCsrfToken } from "../lib/api-client";
import { clearDrafts } from "./drafts";

export const ME_KEY = ["auth", "me"] as const;

/** The signed-in user as /auth/me describes them, with which Anthropic key Claude would use. */
export type Me = User & { readonly engines: MeResponse["engines"] };

/** The signed-in user, or null; restores the session from the cookie on every page load. */
export const useMe = () =>
  useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        // No cookie: 200 { user: null }, so a signed-out load logs no error. A dead cookie: 401.
        const session = await apiJson<SessionResponse | SignedOutResponse>("/auth/me");
        if (session.user === null) {
          setCsrfToken(undefined);
          return null;
        }
        setCsrfToken(session.csrfToken);
        return { ...session.user, engines: session.engines };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(undefined);
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: (count, error) =>
      !(error instanceof ApiError && error.status < 500 && error.status > 0) && count < 2,
  });

export const useProviders = () =>
  useQuery({ queryKey: ["auth", "providers"], queryFn: () => apiJson<ProvidersResponse>("/auth/providers") });

/** OAuth is a full-page navigation: the API redirects to the provider and back to `/?signedIn=`. */
export const startOAuth = (provider: ProviderId): void => {
  window.location.assign(`${API_URL}/auth/oauth/${provider}`);
};

export const useDevSignIn = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email?: string; name?: string }) =>
      apiJson<SessionResponse>("/auth/dev/sign-in", { method: "POST", body: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.setQueryData(ME_KEY, { ...session.user, engines: session.engines });
    },
  });
};

/**
 * Sign-out always clears local state — cached queries, drafts, the CSRF token — even when the
 * server cannot be reached, so the next person on this browser sees nothing of the last one.
 */
export const useSignOut = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await apiJson<void>("/auth/logout", { method: "POST" });
      } finally {
        setCsrfToken(undefined);
        clearDrafts();
        // Every cached query except "me" goes; "me" is set rather than removed so the mounted
        // session observer sees the change and the sign-in screen replaces the workspace.
        client.setQueryData(ME_KEY, null);
        client.removeQueries({ predicate: (q) => q.queryKey.join("/") !== ME_KEY.join("/") });
      }
    },
  });
};
