// Manual §5.1 then §5.2 word for word, with the manual's defaults (container `postgres`, database
// `parametric`): `mise run backup-db`, then
//   gunzip -c /opt/backups/postgres/parametric_YYYYMMDD_HHMMSS.sql.gz | docker exec -i postgres psql -U postgres -d parametric
// There is no Docker engine here, so a stand-in `docker` plays the container: it accepts only the
// real CLI's `exec [-i] postgres …` shape and runs the real pg_dump/psql against the test server,
// where the container's `parametric` database is a seeded scratch database.
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@parametric-portal/database/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  admin,
  checksums,
  PG_CLIENT_ENV,
  runShell,
  runTask,
  type Seeded,
  seededDatabase,
  standIns,
} from "../test-kit/backup-test-kit";

const DOCKER = `#!/bin/sh
echo "docker $*" >> "$CALLS"
case "$1" in
  exec) shift ;;
  inspect) [ "$2 $3 $4" = "--type container postgres" ]; exit $? ;;
  *) echo "stand-in docker: unsupported: $*" >&2; exit 2 ;;
esac
[ "$1" = -i ] && shift
if [ "$1" != postgres ]; then echo "Error response from daemon: No such container: $1" >&2; exit 1; fi
shift
# Inside the container the database is called parametric; here it is the scratch database.
prev=""
for arg in "$@"; do
  shift
  if [ "$prev" = -d ] && [ "$arg" = parametric ]; then arg=$CONTAINER_DB; fi
  set -- "$@" "$arg"
  prev=$arg
done
exec "$@"
`;

let seeded: Seeded;
let dir: string;
let calls: string;
beforeEach(async () => {
  seeded = await seededDatabase("manual");
  dir = await mkdtemp(path.join(tmpdir(), "pp-manual-"));
  calls = path.join(dir, "..", `${path.basename(dir)}.calls`);
  await writeFile(calls, "");
});
afterEach(async () => {
  await seeded.close();
});

describe("manual §5.1 backup and §5.2 restore with the manual's defaults", () => {
  it("restores with exactly `gunzip -c FILE | docker exec -i postgres psql -U postgres -d parametric`", async () => {
    const bin = await standIns({ docker: DOCKER });
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      CALLS: calls,
      CONTAINER_DB: seeded.config.database,
      ...PG_CLIENT_ENV,
      BACKUP_DIR: dir,
      // The defaults of §5.1's table: detection finds the docker container `postgres`.
      BACKUP_TARGET: undefined,
      POSTGRES_HOST: undefined,
      CONTAINER_NAME: undefined,
      DB_NAME: undefined,
      POSTGRES_DB: undefined,
    };
    const before = await checksums(seeded.db);
    const backup = await runTask("backup-db", [], env);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const [name, ...others] = await readdir(dir);
    expect(others).toEqual([]);
    expect(name).toMatch(/^parametric_\d{8}_\d{6}\.sql\.gz$/);

    // The database is lost and recreated empty, as after a failed volume.
    await seeded.db.close();
    const { database } = seeded.config;
    await admin(seeded.config, `drop database "${database}" with (force)`, `create database "${database}"`);
    await writeFile(calls, "");
    const file = path.join(dir, name ?? "");
    const restore = await runShell(
      `gunzip -c ${file} | \\\n  docker exec -i postgres psql -U postgres -d parametric`,
      [],
      env,
    );
    expect(restore.stderr).not.toMatch(/ERROR|FATAL/);
    expect(restore.code).toBe(0);
    expect((await readFile(calls, "utf8")).trim()).toBe(
      "docker exec -i postgres psql -U postgres -d parametric",
    );
    seeded.db = await openDatabase(seeded.config);
    expect(await checksums(seeded.db)).toEqual(before);
  });
});
