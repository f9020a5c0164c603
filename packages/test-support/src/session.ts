import { randomBytes } from "node:crypto";
import type { App } from "@parametric-portal/api/app";
import { SESSION_COOKIE } from "@parametric-portal/api/auth/session-cookie";

export interface SignedIn {
  /** The value for a `cookie` request header, e.g. `pp_session=…`. */
  readonly cookie: string;
  /** The value for the `x-csrf-token` header of POST/PUT/PATCH/DELETE requests. */
  readonly csrfToken: string;
  readonly userId: string;
}

/** Signs a fresh user (a new random address unless given) in through the development sign-in route. */
export const signIn = async (app: App, opts: { email?: string } = {}): Promise<SignedIn> => {
  const email = opts.email ?? `user-${randomBytes(6).toString("hex")}@example.test`;
  const response = await app.inject({ method: "POST", url: "/api/auth/dev/sign-in", payload: { email } });
  if (response.statusCode !== 200) {
    throw new Error(`Development sign-in failed with ${response.statusCode}: ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`Development sign-in set no ${SESSION_COOKIE} cookie.`);
  const body = response.json<{ user: { id: string }; csrfToken: string }>();
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id };
};
