/**
 * Resource hints for index.html, computed at build time from VITE_API_URL. The page can paint
 * the sign-in screen only after /auth/me answers, and that request would otherwise start only
 * once the entry chunk has downloaded and run, on a connection it first has to open. These hints
 * open the connection and start the request while the entry chunk is still downloading.
 */
export interface ApiHint {
  readonly rel: "preconnect" | "preload";
  readonly href: string;
  readonly as?: "fetch";
  readonly crossorigin?: "use-credentials";
}

/**
 * The hints for an API base such as `https://api.example.com/api`. A relative base (same origin
 * as the page) needs no preconnect. The preload must be a credentialed CORS fetch, as
 * `apiRequest` makes it, or the browser cannot hand its response to the app's own fetch.
 */
export const apiHints = (apiBase: string): ApiHint[] => {
  const base = apiBase.replace(/\/+$/, "");
  let origin: string | undefined;
  try {
    origin = new URL(base).origin;
  } catch {
    // Relative: served from the page's own origin, already connected.
  }
  return [
    // No crossorigin attribute: credentialed requests use the credentialed connection pool.
    ...(origin ? [{ rel: "preconnect" as const, href: origin }] : []),
    { rel: "preload", href: `${base}/auth/me`, as: "fetch", crossorigin: "use-credentials" },
  ];
};

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The hints as `<link>` tags for the document head. */
export const apiHintTags = (apiBase: string): string =>
  apiHints(apiBase)
    .map(
      (hint) =>
        `<link rel="${hint.rel}" href="${escapeAttribute(hint.href)}"${hint.as ? ` as="${hint.as}"` : ""}${hint.crossorigin ? ` crossorigin="${hint.crossorigin}"` : ""} />`,
    )
    .join("\n    ");
