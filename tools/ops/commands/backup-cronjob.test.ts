// The in-cluster CronJob (infrastructure/apps/postgres/backup-cronjob.yaml) runs its script here,
// against the test server, with the manifest's own environment apart from where things are.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import {
  buildOverlay,
  findObject,
  type KubeObject,
  podTemplateOf,
} from "@parametric-portal/policies/manifests";
import type { IContainer } from "kubernetes-models/v1/Container";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  checksums,
  PG_CLIENT_ENV,
  runShell,
  type Seeded,
  seededDatabase,
  standIns,
} from "../test-kit/backup-test-kit";

const objects: KubeObject[] = buildOverlay("prod");
const cronJob = findObject<{ spec: { schedule: string; concurrencyPolicy: string } }>(
  objects,
  "CronJob",
  "postgres-backup",
);
const pod = podTemplateOf(cronJob)?.spec;
const container = pod?.containers[0] as IContainer;
const script = container.args?.[0] ?? "";
const manifestEnv = Object.fromEntries(
  (container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value as string]),
);
const realPgDump = execFileSync("sh", ["-c", "command -v pg_dump"], { encoding: "utf8" }).trim();

let seeded: Seeded;
beforeAll(async () => {
  seeded = await seededDatabase("cronjob");
});
afterAll(async () => {
  await seeded.close();
});

const runJob = async (dir: string, extraPath?: string) =>
  runShell(`${container.command?.join(" ")} "$1"`, [script], {
    ...manifestEnv,
    PGHOST: seeded.config.host,
    PGPORT: String(seeded.config.port),
    PGUSER: seeded.config.user,
    DB_NAME: seeded.config.database,
    BACKUP_DIR: dir,
    ...(extraPath ? { PATH: `${extraPath}:${process.env.PATH}` } : {}),
  });

describe("postgres-backup CronJob", () => {
  it("runs daily on postgres:17 into the postgres-backups volume, with the password from the secret", () => {
    expect(cronJob.spec.schedule).toBe("0 3 * * *");
    expect(cronJob.spec.concurrencyPolicy).toBe("Forbid");
    expect(container.image).toMatch(/^postgres:17(\.\d+)?$/);
    expect(manifestEnv).toMatchObject({
      BACKUP_DIR: "/backups",
      RETENTION_DAYS: "7",
      DB_NAME: "parametric",
      PGHOST: "postgres",
    });
    const password = container.env?.find((e) => e.name === "PGPASSWORD");
    expect(password?.valueFrom?.secretKeyRef).toEqual({ name: "api-secrets", key: "POSTGRES_PASSWORD" });
    expect(container.volumeMounts).toContainEqual({ name: "backups", mountPath: "/backups" });
    expect(pod?.volumes).toContainEqual({
      name: "backups",
      persistentVolumeClaim: { claimName: "postgres-backups" },
    });
    expect(findObject(objects, "PersistentVolumeClaim", "postgres-backups").metadata.namespace).toBe(
      "parametric-portal",
    );
    expect(podTemplateOf(cronJob)?.metadata?.labels?.["app.kubernetes.io/name"]).toBe("postgres-backup");
  });

  it("writes a verified dump that the manual's pipeline restores, and prunes only its expired files", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "pp-cron-"));
    const db = seeded.config.database;
    const ages = {
      [`${db}_20200101_000000.sql.gz`]: 8,
      [`${db}_20200102_000000.sql.gz`]: 5,
      [`${db}_latest.sql.gz`]: 30,
      "other_20200101_000000.sql.gz": 30,
    };
    for (const [name, days] of Object.entries(ages)) {
      await writeFile(path.join(dir, name), "x");
      const at = new Date(Date.now() - days * 86_400_000);
      await utimes(path.join(dir, name), at, at);
    }
    const result = await runJob(dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = await readdir(dir);
    expect(files).not.toContain(`${db}_20200101_000000.sql.gz`);
    const fresh = files.filter((name) => !(name in ages));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatch(new RegExp(`^${db}_\\d{8}_\\d{6}\\.sql\\.gz$`));
    expect(files).toHaveLength(4);

    const before = await checksums(seeded.db);
    await seeded.db.close();
    await admin(seeded.config, `drop database "${db}" with (force)`, `create database "${db}"`);
    const restore = await runShell(
      'gunzip -c "$1" | psql -X -q -d "$2"',
      [path.join(dir, fresh[0] ?? ""), db],
      PG_CLIENT_ENV,
    );
    expect(restore.stderr).not.toMatch(/ERROR/);
    seeded.db = await openDatabase(seeded.config);
    expect(await checksums(seeded.db)).toEqual(before);
  });

  it("fails and leaves no backup when pg_dump dies mid-way", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "pp-cron-"));
    const old = path.join(dir, `${seeded.config.database}_20200101_000000.sql.gz`);
    await writeFile(old, "x");
    const at = new Date(Date.now() - 30 * 86_400_000);
    await utimes(old, at, at);
    const bin = await standIns({ pg_dump: `#!/bin/sh\n"${realPgDump}" "$@" | head -c 20000\nexit 0\n` });
    const result = await runJob(dir, bin);
    expect(result.code).not.toBe(0);
    expect(await readdir(dir)).toEqual([path.basename(old)]);
  });
});
