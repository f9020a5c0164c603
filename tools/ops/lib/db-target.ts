import { spawnSync } from "node:child_process";

/** Where the database lives: the manual §0.1 container, the cluster's pod, or a reachable server. */
export type TargetKind = "docker" | "kubernetes" | "server";

export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  /** Extra environment for the child only (PGPASSWORD lives here, never in argv). */
  readonly env: Readonly<Record<string, string>>;
}

export interface DbTarget {
  readonly kind: TargetKind;
  readonly database: string;
  /** Safe for logs: never includes a password. */
  readonly description: string;
  /** A PostgreSQL client tool run where the database lives; `stdin` when input will be piped in. */
  command(tool: "pg_dump" | "psql", args: readonly string[], stdin: boolean): Command;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

type Env = Readonly<Record<string, string | undefined>>;

// Identifiers are interpolated into file names, SQL and shell commands, so keep them plain.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export const databaseName = (env: Env): string => {
  const name = env.DB_NAME ?? env.POSTGRES_DB ?? "parametric";
  if (!IDENTIFIER.test(name)) {
    throw new UsageError(
      `DB_NAME=${JSON.stringify(name)} is not a plain PostgreSQL name: use letters, digits and underscores, starting with a letter (e.g. DB_NAME=parametric).`,
    );
  }
  return name;
};

// Inside the container the tool connects over the local socket as the container's own
// POSTGRES_USER (the official image trusts local connections), so no password is needed.
// biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, evaluated inside the container.
const IN_CONTAINER = 'exec "$0" -U "${POSTGRES_USER:-postgres}" "$@"';

const dockerTarget = (database: string, container: string): DbTarget => ({
  kind: "docker",
  database,
  description: `docker container ${container}, database ${database}`,
  command: (tool, args, stdin) => ({
    file: "docker",
    args: ["exec", ...(stdin ? ["-i"] : []), container, "sh", "-c", IN_CONTAINER, tool, ...args],
    env: {},
  }),
});

const kubernetesTarget = (database: string, namespace: string): DbTarget => ({
  kind: "kubernetes",
  database,
  description: `statefulset/postgres in namespace ${namespace}, database ${database}`,
  command: (tool, args, stdin) => ({
    file: "kubectl",
    args: [
      "exec",
      ...(stdin ? ["-i"] : []),
      "-n",
      namespace,
      "statefulset/postgres",
      "--",
      "sh",
      "-c",
      IN_CONTAINER,
      tool,
      ...args,
    ],
    env: {},
  }),
});

const serverTarget = (database: string, env: Env): DbTarget => {
  const host = env.POSTGRES_HOST ?? "127.0.0.1";
  const port = env.POSTGRES_PORT ?? "5432";
  if (!/^\d{1,5}$/.test(port)) {
    throw new UsageError(`POSTGRES_PORT=${JSON.stringify(port)} is not a port number (e.g. 5432).`);
  }
  const user = env.POSTGRES_USER ?? "postgres";
  const childEnv: Record<string, string> = {};
  if (env.POSTGRES_PASSWORD) childEnv.PGPASSWORD = env.POSTGRES_PASSWORD;
  if (env.POSTGRES_SSL === "true") childEnv.PGSSLMODE = "require";
  return {
    kind: "server",
    database,
    description: `server ${user}@${host}:${port}, database ${database}`,
    command: (tool, args) => ({
      file: tool,
      args: ["-h", host, "-p", port, "-U", user, ...args],
      env: childEnv,
    }),
  };
};

const succeeds = (file: string, args: readonly string[]): boolean => {
  const result = spawnSync(file, args, { stdio: "ignore", timeout: 15_000 });
  return result.status === 0;
};

/** Picks the target from BACKUP_TARGET, or detects it: POSTGRES_HOST, then Docker, then the cluster. */
export const resolveTarget = (env: Env): DbTarget => {
  const database = databaseName(env);
  const container = env.CONTAINER_NAME ?? "postgres";
  const namespace = env.K8S_NAMESPACE ?? "parametric-portal";
  const wanted = env.BACKUP_TARGET;
  switch (wanted) {
    case "docker":
      return dockerTarget(database, container);
    case "kubernetes":
      return kubernetesTarget(database, namespace);
    case "server":
      return serverTarget(database, env);
    case undefined:
    case "":
      break;
    default:
      throw new UsageError(
        `BACKUP_TARGET=${JSON.stringify(wanted)} is not known: use docker, kubernetes or server (or leave it unset to detect).`,
      );
  }
  if (env.POSTGRES_HOST) return serverTarget(database, env);
  if (succeeds("docker", ["inspect", "--type", "container", container])) {
    return dockerTarget(database, container);
  }
  if (succeeds("kubectl", ["get", "statefulset/postgres", "-n", namespace, "-o", "name"])) {
    return kubernetesTarget(database, namespace);
  }
  throw new UsageError(
    `Cannot find the database: no POSTGRES_HOST, no Docker container "${container}" and no statefulset/postgres in namespace ${namespace}. Set BACKUP_TARGET=docker|kubernetes|server (server reads POSTGRES_HOST/PORT/USER/PASSWORD).`,
  );
};
