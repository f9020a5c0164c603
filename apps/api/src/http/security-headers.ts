import type { IncomingMessage, ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

/**
 * Helmet's headers, computed once. With no per-request parts (no CSP nonces) helmet's middleware
 * sets the same headers on every response; running it per request (as @fastify/helmet does,
 * re-parsing the CSP each time) cost a third of the liveness throughput. Captured here as a plain
 * object, a request only copies it, and paths that bypass the hooks (bad URLs) can send it too.
 */
export const securityHeaders = (options: HelmetOptions): Readonly<Record<string, string>> => {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) throw new Error(`helmet options are invalid: ${String(failure)}`);
  return Object.freeze(headers);
};
