import { badRequest } from "../http/errors";

/**
 * Keyset cursors, opaque to clients: the sort they belong to, the sort key of the last row of a
 * page (a timestamptz as PostgreSQL prints it, or a lowered name) and its id.
 */

export type CursorSort = "newest" | "oldest" | "name" | "sets";

// PostgreSQL's text form of a timestamptz, e.g. 2026-01-02 03:04:05.123456+00.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME_KEY_MAX = 200;

/** The shape alone lets through month 13, hour 99 or offset +99, which PostgreSQL refuses. */
const isRealInstant = (text: string): boolean => {
  const [date = "", time = ""] = text.split(" ");
  const [, offsetSign, offsetHours] = /([+-])(\d{2})(?::\d{2}){0,2}$/.exec(time) ?? [];
  if (offsetSign === undefined || Number(offsetHours) > 15) return false;
  const clock = time.slice(0, 8);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute, second] = clock.split(":").map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1 &&
    utc.getUTCFullYear() === year &&
    utc.getUTCMonth() === month - 1 &&
    utc.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
};

export const encodeCursor = (sort: CursorSort, key: string, id: string): string =>
  Buffer.from(JSON.stringify([sort, key, id])).toString("base64url");

/** Throws 400 INVALID_CURSOR for anything but a cursor this API made for the same sort. */
export const decodeCursor = (cursor: string, sort: CursorSort): { key: string; id: string } => {
  const invalid = () =>
    badRequest(
      "INVALID_CURSOR",
      "cursor is not valid; pass the nextCursor of a previous page unchanged, with the same sort.",
      { field: "querystring.cursor" },
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [cursorSort, key, id] = parsed as unknown[];
  if (cursorSort !== sort || typeof key !== "string" || typeof id !== "string" || !UUID.test(id))
    throw invalid();
  const keyIsValid = sort === "name" ? key.length <= NAME_KEY_MAX : TIMESTAMP.test(key) && isRealInstant(key);
  if (!keyIsValid) throw invalid();
  return { key, id };
};
