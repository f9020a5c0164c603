import { openDatabase } from "@parametric-portal/database/client";
import { describeDatabase } from "@parametric-portal/database/config";
import { migrate } from "@parametric-portal/database/migrate";
import { resolveMigrationsDir } from "./bundle-assets";
import { ConfigError, loadMigratorConfig } from "./config";

/** `pnpm exec nx run @parametric-portal/api:migrate`, and `node dist/migrate.mjs` in the image. */
const run = async (): Promise<void> => {
  const { database: config, migrationsDir } = loadMigratorConfig();
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
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Migration failed: ${message}\n`);
  process.exit(1);
});
