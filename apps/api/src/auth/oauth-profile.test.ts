import type { IDToken } from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { TENANT_PLACEHOLDER } from "./oauth-endpoints";
import { resolveIssuer } from "./oauth-exchange";
import { oidcProfile } from "./oauth-profile";

const claims = (extra: Record<string, unknown>): IDToken => ({
  iss: "https://issuer.example",
  sub: "subject-1",
  aud: "client",
  iat: 0,
  exp: 0,
  ...extra,
});

describe("OIDC profile", () => {
  it("trusts Google's address only with email_verified", () => {
    expect(oidcProfile("google", claims({ email: "a@b.test", email_verified: true }))).toMatchObject({
      providerAccountId: "subject-1",
      email: "a@b.test",
      emailVerified: true,
    });
    expect(oidcProfile("google", claims({ email: "a@b.test" })).emailVerified).toBe(false);
    expect(oidcProfile("google", claims({ email: "a@b.test", xms_edov: true })).emailVerified).toBe(false);
  });

  it("trusts Microsoft's address with email_verified, xms_edov or verified_primary_email", () => {
    expect(oidcProfile("microsoft", claims({ email: "a@b.test" })).emailVerified).toBe(false);
    expect(oidcProfile("microsoft", claims({ email: "a@b.test", xms_edov: true })).emailVerified).toBe(true);
    const primary = claims({ email: "A@b.test", verified_primary_email: ["a@b.test"] });
    expect(oidcProfile("microsoft", primary).emailVerified).toBe(true);
    const other = claims({ email: "a@b.test", verified_primary_email: ["c@d.test"] });
    expect(oidcProfile("microsoft", other).emailVerified).toBe(false);
  });

  it("keeps only https avatars", () => {
    expect(oidcProfile("google", claims({ picture: "https://img.test/a.png" })).avatarUrl).toBe(
      "https://img.test/a.png",
    );
    expect(oidcProfile("google", claims({ picture: "javascript:alert(1)" })).avatarUrl).toBeNull();
  });
});

describe("Microsoft multi-tenant issuer", () => {
  const as = { issuer: `https://login.microsoftonline.com/${TENANT_PLACEHOLDER}/v2.0` };
  const tokenWith = (payload: Record<string, unknown>) => ({
    id_token: `e30.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.sig`,
  });

  it("fills the tenant from the token's tid", () => {
    const tid = "9188040d-6c67-4c5b-b112-36a304b66dad";
    expect(resolveIssuer(as, tokenWith({ tid })).issuer).toBe(
      `https://login.microsoftonline.com/${tid}/v2.0`,
    );
  });

  it("refuses a token without a well-formed tid and leaves fixed issuers alone", () => {
    expect(() => resolveIssuer(as, tokenWith({ tid: "../evil" }))).toThrow(/tid/);
    expect(() => resolveIssuer(as, {})).toThrow(/tid/);
    const fixed = { issuer: "https://accounts.google.com" };
    expect(resolveIssuer(fixed, tokenWith({ tid: "x" }))).toBe(fixed);
  });
});
