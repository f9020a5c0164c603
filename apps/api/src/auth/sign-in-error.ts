import type { AuthErrorCode } from "@parametric-portal/contracts/auth";

/** A failed OAuth sign-in: `code` is safe to show the user (`?authError=`), the message safe to log. */
export class SignInError extends Error {
  override readonly name = "SignInError";
  constructor(
    readonly code: AuthErrorCode,
    reason: string,
  ) {
    super(reason);
  }
}
