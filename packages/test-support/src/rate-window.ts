import type { SqlSession } from "@parametric-portal/database/client";
import { waitFor } from "./processes";

/**
 * Shared rate limits count in fixed windows aligned on the database clock. A test that must see
 * its requests in one window waits, when needed, until the current window has at least
 * `neededMs` left.
 */
export const waitForFreshWindow = async (
  database: SqlSession,
  windowMs: number,
  neededMs: number,
): Promise<void> => {
  const leftInWindow = async () => {
    const [row] = await database.query<{ left_ms: string | number }>(
      "select $1::bigint - (floor(extract(epoch from clock_timestamp()) * 1000)::bigint % $1::bigint) as left_ms",
      [windowMs],
    );
    return Number(row?.left_ms ?? 0);
  };
  await waitFor(
    async () => (await leftInWindow()) >= neededMs,
    "a rate-limit window with time left",
    windowMs + 5_000,
  );
};
