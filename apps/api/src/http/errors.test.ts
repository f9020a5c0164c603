import { describe, expect, it } from "vitest";
import { ApiError, toErrorResponse } from "./errors";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
const wrapped = (cause: Error) => Object.assign(new Error("Failed query: select …"), { cause });

describe("toErrorResponse", () => {
  it("keeps an ApiError's status, code and details", () => {
    expect(toErrorResponse(new ApiError("API_KEY_NAME_TAKEN", "Name taken.", { field: "name" }))).toEqual({
      status: 409,
      body: { code: "API_KEY_NAME_TAKEN", message: "Name taken.", details: { field: "name" } },
    });
  });

  it("turns PostgreSQL data exceptions (class 22), even wrapped by the ORM, into 400 INVALID_VALUE", () => {
    for (const error of [
      pgError("22P02", "invalid input syntax for type uuid"),
      wrapped(pgError("22021", "invalid byte sequence")),
    ]) {
      const { status, body } = toErrorResponse(error);
      expect(status).toBe(400);
      expect(body.code).toBe("INVALID_VALUE");
      expect(body.message).not.toMatch(/uuid|byte sequence/);
    }
  });

  it("turns a lost database connection into 503 DATABASE_UNAVAILABLE", () => {
    expect(toErrorResponse(wrapped(pgError("ECONNREFUSED", "connect ECONNREFUSED"))).status).toBe(503);
    expect(
      toErrorResponse(pgError("57P01", "terminating connection due to administrator command")).status,
    ).toBe(503);
  });

  it("hides everything else behind 500 INTERNAL", () => {
    const { status, body } = toErrorResponse(pgError("42P01", 'relation "secret_table" does not exist'));
    expect(status).toBe(500);
    expect(body).toEqual({ code: "INTERNAL", message: "Something went wrong on our side; try again." });
  });
});
