/**
 * `promise`, or a failure naming `what` after `ms`. Tests wrap each wait in a deadline shorter
 * than their own timeout, so a hang fails with what it was waiting for instead of a bare timeout.
 */
export const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}.`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
};
