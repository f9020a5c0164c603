import type { Database } from "@parametric-portal/database/client";
import { sql } from "drizzle-orm";

/**
 * The per-user daily quota on generations paid by the server's key, enforced in the database so
 * it holds across every API replica: under a per-user transaction-scoped advisory lock, the
 * stored server-paid assets of the last 24 hours plus the live reservations are counted, and a
 * reservation row is inserted only if that count is below the quota. The reservation is deleted
 * once the generation is stored (or has failed); one left behind by a crashed replica stops
 * counting at its expiry. A generation that failed after the model may have been paid keeps its
 * reservation for 24 hours, so failures cannot be used to get past the quota.
 */

export interface QuotaReservation {
  /**
   * Ends the reservation; safe to call more than once, never rejects (a row that cannot be
   * deleted only over-counts until it expires). Stored assets count from then on.
   */
  readonly release: () => Promise<void>;
  /**
   * Keeps the place counted for 24 hours from its creation, as a stored generation would be:
   * for failures after the model may already have been paid (cancelled or unusable streams).
   */
  readonly spend: () => Promise<void>;
}

export interface GenerationQuota {
  /** Null when the user has no generation left; otherwise a held place. */
  reserve(userId: string): Promise<QuotaReservation | null>;
}

// Distinct from the migrator's lock key space: a 64-bit hash of a namespaced text.
const LOCK_NAMESPACE = "parametric-portal icon quota:";

const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);

export const createGenerationQuota = (
  database: Database,
  options: {
    readonly dailyQuota: number;
    readonly reservationTtlMs: number;
    readonly onReleaseError?: (error: unknown) => void;
  },
): GenerationQuota => ({
  async reserve(userId) {
    const id = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${LOCK_NAMESPACE + userId}, 0))`);
      await tx.execute(
        sql`delete from generation_reservations where user_id = ${userId} and expires_at <= now()`,
      );
      const [used] = rowsOf<{ n: number | string }>(
        await tx.execute(sql`select
            (select count(*) from assets
              where user_id = ${userId} and key_source = 'server' and created_at > now() - interval '24 hours')
          + (select count(*) from generation_reservations where user_id = ${userId}) as n`),
      );
      if (Number(used?.n ?? 0) >= options.dailyQuota) return null;
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`insert into generation_reservations (user_id, expires_at)
          values (${userId}, now() + ${`${options.reservationTtlMs} milliseconds`}::interval) returning id`),
      );
      if (row === undefined) throw new Error("insert into generation_reservations returned no row");
      return row.id;
    });
    if (id === null) return null;
    let settled = false;
    const settle = async (statement: string) => {
      if (settled) return;
      settled = true;
      try {
        await database.query(statement, [id]);
      } catch (error) {
        options.onReleaseError?.(error);
      }
    };
    return {
      release: () => settle("delete from generation_reservations where id = $1"),
      spend: () =>
        settle(
          "update generation_reservations set expires_at = created_at + interval '24 hours' where id = $1",
        ),
    };
  },
});
