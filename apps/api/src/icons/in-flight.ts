/**
 * Server-paid generations that have started but are not stored yet, per user. Added to the
 * stored count so parallel requests cannot all pass the daily quota check at once (per process:
 * replicas can still each admit one more, a bounded overshoot).
 */
export const createInFlightCounter = () => {
  const counts = new Map<string, number>();
  return {
    count: (userId: string): number => counts.get(userId) ?? 0,
    /** Returns the release function; calling it more than once is harmless. */
    acquire: (userId: string): (() => void) => {
      counts.set(userId, (counts.get(userId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(userId) ?? 1) - 1;
        if (left <= 0) counts.delete(userId);
        else counts.set(userId, left);
      };
    },
  };
};

export type InFlightCounter = ReturnType<typeof createInFlightCounter>;
