import type { App } from "@parametric-portal/api/app";
import { generateLocalIcons } from "@parametric-portal/icon-kit/local-engine";
import type { LightMyRequestResponse } from "fastify";
import type { SignedIn } from "./session";

/** Test support for the icons API tests. */

/** A design-conformant icon, as a well-behaved model would return it. */
export const goodSvg = (): string => {
  const outcome = generateLocalIcons({
    prompt: "line",
    variantCount: 1,
    colorMode: "dark",
    intent: "create",
  });
  return outcome.status === "ok" ? (outcome.variants[0]?.svg ?? "") : "";
};

export const toolInput = (variants: readonly { svg: string; toolType?: string; rationale?: string }[]) =>
  JSON.stringify({ variants });

export const postIcon = (
  app: App,
  who: SignedIn,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> =>
  app.inject({
    method: "POST",
    url: "/api/icons",
    headers: { cookie: who.cookie, "x-csrf-token": who.csrfToken, ...headers },
    payload: payload as object,
  });

export const getAs = (app: App, who: SignedIn, url: string) =>
  app.inject({ method: "GET", url, headers: { cookie: who.cookie } });

/** Parses a text/event-stream body into its events. */
export const parseEvents = (body: string): { event: string; data: Record<string, unknown> }[] =>
  body
    .split("\n\n")
    .map((block) => block.split("\n").filter((line) => !line.startsWith(":")))
    .filter((lines) => lines.some((line) => line.startsWith("event: ")))
    .map((lines) => ({
      event: lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "",
      data: JSON.parse(lines.find((line) => line.startsWith("data: "))?.slice(6) ?? "{}") as Record<
        string,
        unknown
      >,
    }));

export const countAssets = async (query: (text: string) => Promise<{ n: number }[]>): Promise<number> =>
  (await query("select count(*)::int as n from assets"))[0]?.n ?? -1;
