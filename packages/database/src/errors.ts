/**
 * What a failed database call means for the caller, from PostgreSQL's SQLSTATE codes and the
 * network errors of the driver. Both engines (node-postgres and PGlite) report SQLSTATE in
 * `code`; Drizzle wraps driver errors, so the `cause` chain is searched too.
 */
export type DatabaseErrorKind =
  /** The database, not the query, failed: refused, dropped, timed out, shutting down, full. Retry later. */
  | "unavailable"
  /** A unique constraint or index refused a duplicate (23505). */
  | "unique_violation"
  /** A referenced row is missing, or a row still referenced was deleted (23503). */
  | "foreign_key_violation"
  /** A NOT NULL or CHECK constraint refused the row (23502, 23514). */
  | "constraint_violation"
  /** A value the database cannot take or compare: bad date, NUL byte, malformed uuid… (class 22). */
  | "invalid_value"
  /** The statement was cancelled or hit statement_timeout (57014). */
  | "query_canceled"
  /** A serialization failure or deadlock; the transaction can be run again (40001, 40P01). */
  | "transaction_conflict"
  /** Anything else: a bug in the query, a missing table, a permission problem. */
  | "other";

export interface DatabaseErrorClass {
  readonly kind: DatabaseErrorKind;
  /** The SQLSTATE or errno that decided the kind, when there was one. */
  readonly code?: string;
  /** The constraint or index that refused the row, for violations PostgreSQL attributes to one. */
  readonly constraint?: string;
}

const NETWORK_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
// node-postgres reports a lost or unreachable server with these messages and no code.
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/;

const kindOfCode = (code: string): DatabaseErrorKind | undefined => {
  if (NETWORK_ERRNOS.has(code)) return "unavailable";
  // 08: connection exception; 57P0x: shutdown, crash, cannot connect now, dropped, idle timeout; 53300: too many connections.
  if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[0-9]$/.test(code) || code === "53300") return "unavailable";
  if (code === "23505") return "unique_violation";
  if (code === "23503") return "foreign_key_violation";
  if (code === "23502" || code === "23514") return "constraint_violation";
  if (/^22[0-9A-Z]{3}$/.test(code)) return "invalid_value";
  if (code === "57014") return "query_canceled";
  if (code === "40001" || code === "40P01") return "transaction_conflict";
  return undefined;
};

const MAX_CAUSE_DEPTH = 5;

export const classifyDatabaseError = (error: unknown): DatabaseErrorClass => {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < MAX_CAUSE_DEPTH; depth += 1) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    const kind = typeof code === "string" ? kindOfCode(code) : undefined;
    if (kind !== undefined && typeof code === "string") {
      return { kind, code, ...(typeof constraint === "string" && { constraint }) };
    }
    if (UNREACHABLE_MESSAGES.test(current.message)) return { kind: "unavailable" };
    current = (current as { cause?: unknown }).cause;
  }
  return { kind: "other" };
};

/** True when retrying later may succeed because the database itself was unreachable. */
export const isDatabaseUnavailable = (error: unknown): boolean =>
  classifyDatabaseError(error).kind === "unavailable";
