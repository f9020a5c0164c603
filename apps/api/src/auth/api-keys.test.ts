import { randomBytes } from "node:crypto";
import { apiKeys } from "@parametric-portal/database/schema";
import { useTestApp } from "@parametric-portal/test-support/hooks";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resolveUserAnthropicKey } from "./api-keys";

const t = useTestApp();

const newSecret = () => `sk-ant-api03-${randomBytes(30).toString("base64url")}`;
const as = (user: SignedIn) => ({ cookie: user.cookie, "x-csrf-token": user.csrfToken });
const create = (user: SignedIn, payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: "/api/auth/apikeys", headers: as(user), payload });
const list = (user: SignedIn) => t.app.inject({ method: "GET", url: "/api/auth/apikeys", headers: as(user) });

describe("API keys", () => {
  it("saves a key encrypted, lists it masked and hands it in clear only to the engine", async () => {
    const user = await signIn(t.app);
    const secret = newSecret();
    const created = await create(user, { provider: "anthropic", name: "Personal", key: secret });
    expect(created.statusCode).toBe(201);
    const { key } = created.json();
    expect(key).toMatchObject({ provider: "anthropic", name: "Personal", lastUsedAt: null });
    expect(key.hint).toBe(`sk-ant-…${secret.slice(-4)}`);
    expect(created.body).not.toContain(secret);

    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.ciphertext.toString("latin1")).not.toContain(secret);
    expect(row!.keyVersion).toBe(1);

    const resolved = await resolveUserAnthropicKey(t.database, t.config.encryptionKey, user.userId);
    expect(resolved).toEqual({ id: key.id, key: secret });
    const listed = await list(user);
    expect(listed.body).not.toContain(secret);
    expect(listed.json().keys).toHaveLength(1);
    expect(listed.json().keys[0].lastUsedAt).not.toBeNull();
    expect(t.logs()).not.toContain(secret);
  });

  it("validates names and refuses a duplicate name", async () => {
    const user = await signIn(t.app);
    for (const name of ["", "x".repeat(65), "tab\there", " padded"]) {
      const response = await create(user, { provider: "anthropic", name, key: newSecret() });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("VALIDATION_FAILED");
    }
    const secret = newSecret();
    expect((await create(user, { provider: "anthropic", name: "Same", key: newSecret() })).statusCode).toBe(
      201,
    );
    const duplicate = await create(user, { provider: "anthropic", name: "Same", key: secret });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).not.toContain(secret);
    expect((await create(user, { provider: "openai", name: "Other", key: newSecret() })).statusCode).toBe(
      400,
    );
  });

  it("keeps users apart: another user's key cannot be listed, used or deleted", async () => {
    const owner = await signIn(t.app);
    const intruder = await signIn(t.app);
    const secret = newSecret();
    const { key } = (await create(owner, { provider: "anthropic", name: "Mine", key: secret })).json();

    expect((await list(intruder)).json().keys).toEqual([]);
    expect(await resolveUserAnthropicKey(t.database, t.config.encryptionKey, intruder.userId)).toBeNull();
    const stolen = await t.app.inject({
      method: "DELETE",
      url: `/api/auth/apikeys/${key.id}`,
      headers: as(intruder),
    });
    expect(stolen.statusCode).toBe(404);
    expect((await list(owner)).json().keys.map((k: { id: string }) => k.id)).toEqual([key.id]);

    // A ciphertext copied into the intruder's own row does not decrypt: the owner's id is the AAD.
    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    await t.database.db.insert(apiKeys).values({
      userId: intruder.userId,
      provider: "anthropic",
      name: "Copied",
      ciphertext: row!.ciphertext,
      keyVersion: row!.keyVersion,
      hint: row!.hint,
    });
    await expect(
      resolveUserAnthropicKey(t.database, t.config.encryptionKey, intruder.userId),
    ).rejects.toMatchObject({ code: "API_KEY_UNREADABLE", statusCode: 500 });

    const deleted = await t.app.inject({
      method: "DELETE",
      url: `/api/auth/apikeys/${key.id}`,
      headers: as(owner),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await list(owner)).json().keys).toEqual([]);
    expect(t.logs()).not.toContain(secret);
  });

  it("fails closed with a clear error when ENCRYPTION_KEY has changed", async () => {
    const user = await signIn(t.app);
    const secret = newSecret();
    await create(user, { provider: "anthropic", name: "Old key", key: secret });
    const error = await resolveUserAnthropicKey(t.database, randomBytes(32), user.userId).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "API_KEY_UNREADABLE" });
    expect((error as Error).message).toMatch(/ENCRYPTION_KEY/);
    expect((error as Error).message).not.toContain(secret);
  });

  it("needs a session and the CSRF token", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/auth/apikeys" })).statusCode).toBe(401);
    const user = await signIn(t.app);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/auth/apikeys",
      headers: { cookie: user.cookie },
      payload: { provider: "anthropic", name: "x", key: newSecret() },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe("CSRF_FAILED");
  });
});
