import { Type } from "@sinclair/typebox";
import { ERROR_CODES, type ErrorCode } from "./errors";

/**
 * The TypeBox (OpenAPI) form of `ErrorBody`, declared on every route's error responses. `code` is
 * a string enum rather than a union of literals: the serializer then writes it without trying
 * each branch, and the document lists every code the same.
 */
export const ErrorBodySchema = Type.Object(
  {
    code: Type.Unsafe<ErrorCode>({ type: "string", enum: [...ERROR_CODES] }),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { description: "Every error: a stable code, a message saying what to do, optional details." },
);
