import { Type } from "@sinclair/typebox";
import { ERROR_CODES } from "./errors";

/** The OpenAPI/TypeBox form of `ErrorBody`, declared on every route's error responses. */
export const ErrorBodySchema = Type.Object(
  {
    code: Type.Union(ERROR_CODES.map((code) => Type.Literal(code))),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  {
    $id: "ErrorBody",
    description: "Every error: a stable code, a message saying what to do, optional details.",
  },
);
