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

/**
 * What every API response carries (JSON, SVG downloads, errors): the headers that matter for a
 * resource that is never a page (OWASP's REST cheat sheet). The CSP is `default-src 'none';
 * frame-ancestors 'none'` alone: stricter than helmet's default with `default-src` narrowed, whose
 * `script-src 'self'` and friends re-allowed what `'none'` forbade, and a seventh of its bytes.
 * Helmet's document-only headers (COOP, Origin-Agent-Cluster, X-DNS-Prefetch-Control) and the
 * ones for retired clients (X-Download-Options for IE 8, X-Permitted-Cross-Domain-Policies for
 * Flash, X-XSS-Protection: 0) are left to pages: each header is paid for by every response,
 * health probes included. See docs/architecture.md#response-headers.
 */
export const apiSecurityHeaders = (production: boolean): Readonly<Record<string, string>> =>
  securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: "same-site" },
    originAgentCluster: false,
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: production,
    xContentTypeOptions: true,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: "deny" },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });

/**
 * The docs UI's pages (HTML, framed only by the API's own origin): helmet's document headers on
 * top of the API's. swagger-ui writes their Content-Security-Policy itself.
 */
export const documentSecurityHeaders = (production: boolean): Readonly<Record<string, string>> =>
  securityHeaders({ contentSecurityPolicy: false, strictTransportSecurity: production });
