import { openDatabase } from "@parametric-portal/database/client";
import { ENGINES, useMigratedDatabase } from "@parametric-portal/test-support/hooks";
import { describe, expect, it } from "vitest";
import { createGenerationQuota } from "./generation-quota";

const TTL_MS = 60_000;

describe.each(ENGINES)("generation quota on %s", (kind) => {
  const engine = useMigratedDatabase(kind, "quota");
  const newUser = engine.newUser;
  const storeAsset = (userId: string, keySource: string | null, extra = "") =>
    engine.database.query(
      `insert into assets (user_id, prompt, intent, color_mode, engine, key_source, variants${extra ? ", deleted_at" : ""})
       values ($1, 'p', 'create', 'dark', 'anthropic', $2, '[]'::jsonb${extra ? ", now()" : ""})`,
      [userId, keySource],
    );

  it("holds places up to the quota and gives one back on release", async () => {
    const quota = createGenerationQuota(engine.database, { dailyQuota: 2, reservationTtlMs: TTL_MS });
    const userId = await newUser();
    const first = await quota.reserve(userId);
    const second = await quota.reserve(userId);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(await quota.reserve(userId)).toBeNull();
    // Another user has their own quota.
    expect(await quota.reserve(await newUser())).not.toBeNull();
    await first!.release();
    await first!.release();
    const third = await quota.reserve(userId);
    expect(third).not.toBeNull();
    expect(await quota.reserve(userId)).toBeNull();
  });

  it("counts stored server-paid generations, deleted ones too, but not the user's own key", async () => {
    const quota = createGenerationQuota(engine.database, { dailyQuota: 2, reservationTtlMs: TTL_MS });
    const userId = await newUser();
    await storeAsset(userId, "user");
    await storeAsset(userId, null);
    await storeAsset(userId, "server", "deleted");
    const last = await quota.reserve(userId);
    expect(last).not.toBeNull();
    // Stored, then released: the asset counts instead of the reservation.
    await storeAsset(userId, "server");
    await last!.release();
    expect(await quota.reserve(userId)).toBeNull();
  });

  it("stops counting a reservation abandoned by a crashed replica once it expires", async () => {
    const quota = createGenerationQuota(engine.database, { dailyQuota: 1, reservationTtlMs: TTL_MS });
    const userId = await newUser();
    expect(await quota.reserve(userId)).not.toBeNull();
    expect(await quota.reserve(userId)).toBeNull();
    await engine.database.query(
      "update generation_reservations set expires_at = now() - interval '1 second' where user_id = $1",
      [userId],
    );
    expect(await quota.reserve(userId)).not.toBeNull();
  });

  it("admits exactly the quota when many requests race, from several replicas at once", async () => {
    // Each replica has its own connection pool; on PGlite there is only one process.
    const replicas =
      engine.config === undefined
        ? [engine.database]
        : [engine.database, await openDatabase(engine.config), await openDatabase(engine.config)];
    try {
      const userId = await newUser();
      const quotas = replicas.map((db) =>
        createGenerationQuota(db, { dailyQuota: 5, reservationTtlMs: TTL_MS }),
      );
      const attempts = await Promise.all(
        Array.from({ length: 24 }, (_, i) => quotas[i % quotas.length]!.reserve(userId)),
      );
      expect(attempts.filter((r) => r !== null)).toHaveLength(5);
    } finally {
      await Promise.all(replicas.slice(1).map((db) => db.close()));
    }
  });
});
