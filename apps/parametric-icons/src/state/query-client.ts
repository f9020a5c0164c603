import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, setCsrfToken } from "../lib/api-client";
import { ME_KEY } from "./session";

/** Fires "ended" when a 401 ends the session; the app shows a toast (toasts live inside React). */
export const sessionEvents = new EventTarget();

const isMe = (key: readonly unknown[]) => key.join("/") === ME_KEY.join("/");

/**
 * A 401 from any call other than the session check means the session ended elsewhere (expiry,
 * sign-out in another tab): drop to the sign-in screen instead of showing a stream of errors.
 */
export const endSessionOn401 = (client: QueryClient, error: unknown): void => {
  if (!(error instanceof ApiError) || error.status !== 401) return;
  if (client.getQueryData(ME_KEY) === null) return;
  setCsrfToken(undefined);
  client.setQueryData(ME_KEY, null);
  client.removeQueries({ predicate: (q) => !isMe(q.queryKey) });
  sessionEvents.dispatchEvent(new Event("ended"));
};

export const createQueryClient = (): QueryClient => {
  const client: QueryClient = new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false } },
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!isMe(query.queryKey)) endSessionOn401(client, error);
      },
    }),
    mutationCache: new MutationCache({ onError: (error) => endSessionOn401(client, error) }),
  });
  return client;
};
