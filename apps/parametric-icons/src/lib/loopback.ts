const LOOPBACK = new Set(["localhost", "127.0.0.1"]);

/**
 * The page URL to switch to when the page and the API sit on different loopback names
 * (127.0.0.1 vs localhost). Browsers treat those as different sites, so the session cookie would
 * not be sent and CORS would refuse the origin; the API's defaults expect the API's own name.
 */
export const loopbackRedirect = (pageHref: string, apiUrl: string): string | null => {
  const page = new URL(pageHref);
  const api = new URL(apiUrl);
  if (!LOOPBACK.has(page.hostname) || !LOOPBACK.has(api.hostname) || page.hostname === api.hostname)
    return null;
  page.hostname = api.hostname;
  return page.href;
};
