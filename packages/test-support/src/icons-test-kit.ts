import type { App } from "@parametric-portal/api/app";
import { paletteFor } from "@parametric-portal/icon-kit/design-system";
import { renderIconSvg } from "@parametric-portal/icon-kit/icon-spec";
import type { LightMyRequestResponse } from "fastify";
import type { SignedIn } from "./session";

/** Test support for the icons API tests. */

/**
 * A design-conformant icon, as a well-behaved model would return it: a fixed line icon (grips at 6,26 and 26,6): tests edit it by exact coordinates, so it
 * must not follow the local engine's drawings.
 */
export const goodSvg = (): string =>
  renderIconSvg(
    {
      title: "Line",
      guide: [
        { kind: "line", a: { x: 4, y: 26 }, b: { x: 28, y: 26 } },
        { kind: "line", a: { x: 26, y: 4 }, b: { x: 26, y: 28 } },
      ],
      primary: [{ kind: "line", a: { x: 6, y: 26 }, b: { x: 26, y: 6 } }],
      grips: [
        { x: 6, y: 26 },
        { x: 26, y: 6 },
      ],
    },
    "DRAWING",
    paletteFor("dark"),
  );

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
