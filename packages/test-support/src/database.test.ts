import { loadMigrations } from "@parametric-portal/database/migrate";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openMigratedTestDatabase, testServer } from "./database";

const exists = async (name: string): Promise<boolean> => {
  const client = new pg.Client({ ...testServer, database: "postgres" });
  await client.connect();
  try {
    const result = await client.query("select 1 from pg_database where datname = $1", [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
};

describe("openMigratedTestDatabase", () => {
  it.each(["postgres", "pglite"] as const)("gives a migrated, empty database on %s", async (kind) => {
    const { database, close } = await openMigratedTestDatabase(kind, "tsdb");
    try {
      // A copy of a template migrated with other files would show other versions or checksums.
      const applied = await database.query<{ version: string; checksum: string }>(
        "select version, checksum from schema_migrations order by version",
      );
      expect(applied.map((row) => row.version)).toContain("0001_init");
      expect(applied).toEqual(
        (await loadMigrations()).map(({ version, checksum }) => ({ version, checksum })),
      );
      expect(await database.query("select id from users")).toEqual([]);
    } finally {
      await close();
    }
  });

  it("drops the server database on close, even while another connection is open", async () => {
    const { config, close } = await openMigratedTestDatabase("postgres", "tsdrop");
    expect(await exists(config.database)).toBe(true);
    const other = new pg.Client({ ...config, ssl: false });
    await other.connect();
    other.on("error", () => {});
    try {
      await close();
      expect(await exists(config.database)).toBe(false);
    } finally {
      await other.end().catch(() => {});
    }
  });

  it.each(["postgres", "pglite"] as const)(
    "gives each test its own copy on %s: what one writes, the next one does not see",
    async (kind) => {
      const first = await openMigratedTestDatabase(kind, "tscopy");
      try {
        await first.database.query("insert into users (email) values ($1)", [`copy-${kind}@example.test`]);
      } finally {
        await first.close();
      }
      const second = await openMigratedTestDatabase(kind, "tscopy");
      try {
        expect(await second.database.query("select email from users")).toEqual([]);
      } finally {
        await second.close();
      }
    },
  );

  it("names each database apart, so parallel test files never collide", async () => {
    const [a, b] = await Promise.all([
      openMigratedTestDatabase("postgres", "same"),
      openMigratedTestDatabase("postgres", "same"),
    ]);
    try {
      expect(a.config.database).not.toBe(b.config.database);
      expect(a.config.database).toMatch(/^pp_same_[0-9a-f]{12}$/);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
