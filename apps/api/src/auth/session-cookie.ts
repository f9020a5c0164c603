import type { CookieSerializeOptions } from "@fastify/cookie";
import type { Config } from "../config";

export const SESSION_COOKIE = "pp_session";
export const SESSION_SLIDING_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;

/** Browsers refuse Secure cookies over plain http except on localhost, so only that case drops it. */
export const cookiesAreSecure = (baseUrl: string): boolean => {
  const url = new URL(baseUrl);
  const localhost = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return !(url.protocol === "http:" && localhost);
};

export const sessionCookieOptions = (config: Pick<Config, "baseUrl">): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: "lax",
  secure: cookiesAreSecure(config.baseUrl),
  path: "/",
  // The server enforces the sliding expiry; the browser may keep the cookie until the absolute one.
  maxAge: SESSION_ABSOLUTE_MS / 1000,
});
