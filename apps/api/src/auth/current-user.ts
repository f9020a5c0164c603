import type { FastifyRequest } from "fastify";
import { unauthorized } from "../http/errors";

/** Who is calling: set from the session cookie by the session plugin, null when signed out. */
export interface CurrentUser {
  readonly id: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly avatarUrl: string | null;
  readonly sessionId: string;
}

declare module "fastify" {
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}

/** preHandler for routes that need a signed-in user; afterwards `request.user` is set. */
export const requireUser = async (request: FastifyRequest): Promise<void> => {
  if (request.user === null) throw unauthorized();
};

/** The signed-in user of a route guarded by `requireUser`. */
export const userOf = (request: FastifyRequest): CurrentUser => {
  if (request.user === null) throw unauthorized();
  return request.user;
};
