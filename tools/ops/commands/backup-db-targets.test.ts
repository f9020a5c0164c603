import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checksums,
  PG_CLIENT_ENV,
  runTask,
  type Seeded,
  seededDatabase,
  standIns,
} from "../test-kit/backup-test-kit";

// Stand-ins speak the real CLIs' argument shapes and run the command they wrap here, against the
// test server (PG_CLIENT_ENV), like `docker exec` / `kubectl exec` run it inside the postgres container.
const DOCKER = `#!/bin/sh
case "$1" in
  exec) shift ;;
  inspect) [ "$2 $3 $4" = "--type container $EXPECT_CONTAINER" ]; exit $? ;;
  *) echo "stand-in docker: unsupported: $*" >&2; exit 2 ;;
esac
[ "$1" = -i ] && shift
if [ "$1" != "$EXPECT_CONTAINER" ]; then echo "Error response from daemon: No such container: $1" >&2; exit 1; fi
shift
echo "docker exec $*" >> "$CALLS"
exec "$@"
`;
const KUBECTL = `#!/bin/sh
if [ "$*" = "get statefulset/postgres -n parametric-portal -o name" ]; then echo statefulset.apps/postgres; exit 0; fi
[ "$1" = exec ] || { echo "stand-in kubectl: unsupported: $*" >&2; exit 2; }
shift
[ "$1" = -i ] && shift
[ "$1 $2 $3 $4" = "-n parametric-portal statefulset/postgres --" ] || { echo "stand-in kubectl: unexpected target: $*" >&2; exit 2; }
shift 4
echo "kubectl exec $*" >> "$CALLS"
exec "$@"
`;
const NO_DOCKER = `#!/bin/sh
echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
exit 1
`;

let seeded: Seeded;
let dir: string;
let calls: string;
beforeEach(async () => {
  seeded = await seededDatabase("targets");
  dir = await mkdtemp(path.join(tmpdir(), "pp-backups-"));
  calls = path.join(dir, "..", `${path.basename(dir)}.calls`);
  await writeFile(calls, "");
});
afterEach(async () => {
  await seeded.close();
});

const backupAndRestore = async (env: Record<string, string | undefined>) => {
  const before = await checksums(seeded.db);
  const backup = await runTask("backup-db", [], env);
  expect(backup.stderr).toBe("");
  expect(backup.code).toBe(0);
  const [name] = await readdir(dir);
  const file = path.join(dir, name ?? "");
  await seeded.db.exec("delete from assets where intent = 'refine'; update users set name = 'changed'");
  const drifted = await checksums(seeded.db);
  expect(drifted).not.toEqual(before);

  // Without --yes and without a terminal, restore refuses and changes nothing.
  const refused = await runTask("restore-db", [file], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/without confirmation: pass --yes/);
  expect(await checksums(seeded.db)).toEqual(drifted);

  const restored = await runTask("restore-db", [file, "--yes"], env);
  expect(restored.stderr).toBe("");
  expect(restored.code).toBe(0);
  expect(await checksums(seeded.db)).toEqual(before);
  return readFile(calls, "utf8");
};

describe("backup-db and restore-db through docker and kubectl", () => {
  it("run pg_dump and psql inside the docker container", async () => {
    const bin = await standIns({ docker: DOCKER });
    const recorded = await backupAndRestore({
      BACKUP_TARGET: "docker",
      CONTAINER_NAME: "pg-test",
      EXPECT_CONTAINER: "pg-test",
      DB_NAME: seeded.config.database,
      BACKUP_DIR: dir,
      CALLS: calls,
      ...PG_CLIENT_ENV,
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(recorded).toContain(
      `docker exec sh -c exec "$0" -U "\${POSTGRES_USER:-postgres}" "$@" pg_dump --clean --if-exists --no-owner --no-privileges --format=plain -d ${seeded.config.database}`,
    );
    expect(recorded).toMatch(/docker exec sh -c .* psql -X -q -v ON_ERROR_STOP=1 --single-transaction/);
  });

  it("find the cluster's statefulset/postgres when BACKUP_TARGET is unset and Docker is absent", async () => {
    const bin = await standIns({ kubectl: KUBECTL, docker: NO_DOCKER });
    const recorded = await backupAndRestore({
      BACKUP_TARGET: undefined,
      POSTGRES_HOST: undefined,
      DB_NAME: seeded.config.database,
      BACKUP_DIR: dir,
      CALLS: calls,
      ...PG_CLIENT_ENV,
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(recorded).toMatch(/^kubectl exec sh -c .* pg_dump --clean/m);
    expect(recorded).toMatch(/^kubectl exec sh -c .* psql -X -q -v ON_ERROR_STOP=1/m);
  });

  it("says how to choose when no database can be found", async () => {
    const bin = await standIns({ kubectl: `#!/bin/sh\nexit 1\n`, docker: NO_DOCKER });
    const result = await runTask("backup-db", [], {
      BACKUP_TARGET: undefined,
      POSTGRES_HOST: undefined,
      BACKUP_DIR: dir,
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Set BACKUP_TARGET=docker\|kubernetes\|server/);
  });
});
