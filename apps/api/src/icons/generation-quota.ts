import type { Database } from "@parametric-portal/database/client";
import { assets, generationReservations } from "@parametric-portal/database/schema";
import { and, eq, gt, lte, sql } from "drizzle-orm";

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
      // Drizzle has no advisory-lock API.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${LOCK_NAMESPACE + userId}, 0))`);
      await tx
        .delete(generationReservations)
        .where(
          and(eq(generationReservations.userId, userId), lte(generationReservations.expiresAt, sql`now()`)),
        );
      // One statement, so one snapshot: counted in two, a generation stored between the two counts
      // (its asset committed after the first, its reservation deleted before the second) would be
      // in neither, and a replica could admit one generation past the quota.
      const stored = tx
        .select({ n: sql`count(*)` })
        .from(assets)
        .where(
          and(
            eq(assets.userId, userId),
            eq(assets.keySource, "server"),
            gt(assets.createdAt, sql`now() - interval '24 hours'`),
          ),
        );
      const reserved = tx
        .select({ n: sql`count(*)` })
        .from(generationReservations)
        .where(eq(generationReservations.userId, userId));
      const [used] = await tx
        .select({ n: sql<string>`(${stored}) + (${reserved})` })
        .from(sql`(values (1)) as one`);
      if (Number(used?.n ?? 0) >= options.dailyQuota) return null;
      const [row] = await tx
        .insert(generationReservations)
        .values({
          userId,
          expiresAt: sql`now() + ${`${options.reservationTtlMs} milliseconds`}::interval`,
        })
        .returning({ id: generationReservations.id });
      if (row === undefined) throw new Error("insert into generation_reservations returned no row");
      return row.id;
    });
    if (id === null) return null;
    let settled = false;
    const settle = async (statement: () => Promise<unknown>) => {
      if (settled) return;
      settled = true;
      try {
        await statement();
      } catch (error) {
        options.onReleaseError?.(error);
      }
    };
    const thisReservation = eq(generationReservations.id, id);
    return {
      release: () => settle(() => database.db.delete(generationReservations).where(thisReservation)),
      spend: () =>
        settle(() =>
          database.db
            .update(generationReservations)
            .set({ expiresAt: sql`${generationReservations.createdAt} + interval '24 hours'` })
            .where(thisReservation),
        ),
    };
  },
});
