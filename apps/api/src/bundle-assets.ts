import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultMigrationsDir } from "@parametric-portal/database/migrate";

/**
 * The production bundle (dist/*.mjs) carries the files its dependencies read from disk beside
 * itself; run from sources, the packages' own folders are used.
 */
const besideEntry = (name: string): string | undefined => {
  const dir = fileURLToPath(new URL(`./${name}/`, import.meta.url));
  return existsSync(dir) ? dir : undefined;
};

export const resolveMigrationsDir = (configured: string | undefined): string =>
  configured ?? besideEntry("migrations") ?? defaultMigrationsDir;

/** swagger-ui's static assets, or undefined to let the plugin find its own. */
export const swaggerUiAssetsDir = (): string | undefined => besideEntry("static");
