import { type StringOptions, Type } from "@sinclair/typebox";

/**
 * Request field shapes shared by every route. ajv's "uuid" format also accepts a `urn:uuid:`
 * prefix, and JSON strings may carry NUL: PostgreSQL refuses both, so requests must too.
 */
export const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
/** No C0 control characters except tab, line feed and carriage return. */
export const PLAIN_TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$";

/** What to tell a client whose value failed one of these patterns. */
export const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  [UUID_PATTERN]: "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000",
  [PLAIN_TEXT_PATTERN]: "must not contain control characters (such as NUL)",
};

export const Uuid = () => Type.String({ format: "uuid", pattern: UUID_PATTERN });
export const PlainText = (options: StringOptions) => Type.String({ ...options, pattern: PLAIN_TEXT_PATTERN });
