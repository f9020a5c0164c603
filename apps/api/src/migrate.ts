import { openDatabase } from "@parametric-portal/database/client";
import { type DatabaseConfig, describeDatabase } from "@parametric-portal/database/config";
import { migrate } from "@parametric-portal/database/migrate";
import { resolveMigrationsDir } from "./bundle-assets";
import { ConfigError, loadMigratorConfig } from "./config";

// Said before anything is applied, so an operator who meant the server but forgot POSTGRES_HOST
// sees at once that the embedded database is the one being changed.
const target = (config: DatabaseConfig): string =>
  config.kind === "pglite"
    ? `the embedded PGlite database in ${config.dataDir ?? "memory"} (POSTGRES_HOST is not set)`
    : `the PostgreSQL server ${describeDatabase(config)}`;

/** `pnpm exec nx run @parametric-portal/api:migrate`, and `node dist/migrate.mjs` in the image. */
const run = async (): Promise<void> => {
  const { database: config, migrationsDir } = loadMigratorConfig();
  process.stdout.write(`Migrating ${target(config)}.\n`);
  const database = await openDatabase(config);
  try {
    const { applied, total } = await migrate(database, resolveMigrationsDir(migrationsDir));
    process.stdout.write(
      applied.length === 0
        ? `${describeDatabase(config)}: up to date (${total} migrations).\n`
        : `${describeDatabase(config)}: applied ${applied.join(", ")}.\n`,
    );
  } finally {
    await database.close();
  }
};

run().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.problems.join("\n")
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`Migration failed: ${message}\n`);
  process.exit(1);
});
