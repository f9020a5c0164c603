import { openDatabase } from "@parametric-portal/database/client";
import { describeDatabase } from "@parametric-portal/database/config";
import { migrate } from "@parametric-portal/database/migrate";
import { buildApp } from "./app";
import { resolveMigrationsDir } from "./bundle-assets";
import { ConfigError, loadConfig } from "./config";
import { loadOrCreateDevEncryptionKey } from "./dev-encryption-key";
import { createLogger } from "./http/logger";
import { createMetrics, startMetricsServer } from "./http/metrics";
import type { Lifecycle } from "./routes/health";

/** The process: configuration, logging, database, listening and graceful shutdown. */
const start = async (): Promise<void> => {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${error.message}\nThe API did not start. Fix the variables above and start it again.\n`,
      );
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const encryptionKey = config.encryptionKey ?? (await loadOrCreateDevEncryptionKey(config.dataDir));
  const database = await openDatabase(config.database);
  logger.info({ database: describeDatabase(config.database) }, "database configured");
  if (config.database.kind === "pglite") {
    // The embedded default migrates itself; servers are migrated by `migrate` (a Job in the cluster).
    const { applied } = await migrate(database, resolveMigrationsDir(config.migrationsDir));
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
  }

  const lifecycle: Lifecycle = { draining: false };
  const metrics = createMetrics(database);
  const app = await buildApp({ ...config, encryptionKey }, { database, logger, lifecycle, metrics });
  await app.listen({ host: config.host, port: config.port });
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await startMetricsServer(metrics, config.host, config.metricsPort);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    lifecycle.draining = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, "shutdown timed out; exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    try {
      if (config.shutdownDrainMs > 0) {
        logger.info(
          { drainMs: config.shutdownDrainMs },
          "readiness now 503; still serving while traffic moves away",
        );
        await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
      }
      await app.close();
      metricsServer?.close();
      await database.close();
      logger.info("shutdown complete");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
};

start().catch((error: unknown) => {
  process.stderr.write(
    `The API failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
