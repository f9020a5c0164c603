import type { ChildProcess } from "node:child_process";

/**
 * Deadlines for the child processes in the ops tests, each shorter than the test's own timeout so a
 * hang fails with what it was waiting for (and the process output) instead of a bare "timed out".
 * A deadline on any other wait is `within` from @parametric-portal/test-support/deadline.
 */

/** Commands run by the tests (mise tasks, scripts): generous for a shared 2-core machine. */
export const CHILD_DEADLINE_MS = 25_000;

/**
 * Kills `child` (and, when it leads a process group, the whole group) once `ms` pass, and calls
 * `fail` with a message naming `what`; returns a function that cancels the deadline.
 */
export const killAfter = (child: ChildProcess, ms: number, what: string, fail: (error: Error) => void) => {
  const timer = setTimeout(() => {
    child.kill("SIGKILL");
    fail(new Error(`${what} did not finish within ${ms} ms and was killed.`));
  }, ms);
  child.once("close", () => clearTimeout(timer));
  return () => clearTimeout(timer);
};
