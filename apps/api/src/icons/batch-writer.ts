/**
 * Writes that arrive while others are on their way to the database go together, in one
 * statement: one round trip, one executor start-up, one commit and one WAL flush for the lot.
 * Alone, a write leaves at once; under load, those waiting for a free slot leave as one batch.
 * Each caller still gets its own result or its own error:
 *   - when the database is unavailable, every write of the batch gets that error (the caller's
 *     retry, as for a single write, decides what happens next);
 *   - when a batch fails for another reason (a constraint one row breaks), each of its writes is
 *     tried again alone, so only the one at fault fails.
 */
export interface BatchWriterOptions<T, R> {
  /** Writes `items` in one statement (all or none); one result per item, in their order. */
  readonly writeMany: (items: readonly T[]) => Promise<R[]>;
  /** Whether an error means the database could not be reached (no item is at fault). */
  readonly isUnavailable: (error: unknown) => boolean;
  /** The most items in one statement. */
  readonly maxItems: number;
  /** The most statements on their way at once; further writes wait and go together. */
  readonly maxInFlight: number;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

export const batchWriter = <T, R>(options: BatchWriterOptions<T, R>): ((item: T) => Promise<R>) => {
  const waiting: Waiting<T, R>[] = [];
  let inFlight = 0;

  // A classifier that throws must not leave a batch unsettled: its error then fails every write.
  const unavailable = (error: unknown): boolean => {
    try {
      return options.isUnavailable(error);
    } catch {
      return true;
    }
  };

  const settle = async (batch: readonly Waiting<T, R>[]): Promise<void> => {
    try {
      const results = await options.writeMany(batch.map((entry) => entry.item));
      for (const [i, entry] of batch.entries()) entry.resolve(results[i] as R);
    } catch (error) {
      if (batch.length === 1 || unavailable(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      // Rare (a constraint one row breaks); the connection pool bounds how many run at once.
      await Promise.all(batch.map((entry) => settle([entry])));
    }
  };

  const pump = (): void => {
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxItems);
      inFlight += 1;
      void settle(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      pump();
    });
};
