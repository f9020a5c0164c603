// The variables of manual §3.2 that make up the `api-secrets` Secret. Values come only from the
// environment so they never appear in a process listing or shell history of a command line.

export const REQUIRED_KEYS = ["POSTGRES_USER", "POSTGRES_PASSWORD", "ENCRYPTION_KEY"] as const;

/** Each OAuth provider needs its id and secret together; a half-configured provider fails at sign-in time. */
const OAUTH_PROVIDERS = [
  { name: "GitHub", pair: ["OAUTH_GITHUB_CLIENT_ID", "OAUTH_GITHUB_CLIENT_SECRET"], extra: [] },
  { name: "Google", pair: ["OAUTH_GOOGLE_CLIENT_ID", "OAUTH_GOOGLE_CLIENT_SECRET"], extra: [] },
  {
    name: "Microsoft",
    pair: ["OAUTH_MICROSOFT_CLIENT_ID", "OAUTH_MICROSOFT_CLIENT_SECRET"],
    extra: ["OAUTH_MICROSOFT_TENANT_ID"],
  },
] as const;

export const OPTIONAL_KEYS = [
  "ANTHROPIC_API_KEY",
  ...OAUTH_PROVIDERS.flatMap((provider) => [...provider.pair, ...provider.extra]),
] as const;

export type SecretValues = Record<string, string>;

export type EnvResult = { ok: true; values: SecretValues } | { ok: false; problems: string[] };

function isBase64Of32Bytes(value: string): boolean {
  // Strict standard base64: 32 bytes encode to 43 characters plus one '=' of padding.
  return /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32;
}

function present(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const value = env[key];
  return value === undefined || value === "" ? undefined : value;
}

/** Collects every problem at once so the operator can fix them in one pass; never echoes a value. */
export function readSecretValues(env: NodeJS.ProcessEnv): EnvResult {
  const problems: string[] = [];
  const values: SecretValues = {};

  for (const key of REQUIRED_KEYS) {
    const value = present(env, key);
    if (value === undefined) problems.push(`${key} is not set (required; export it before running).`);
    else values[key] = value;
  }
  const encryptionKey = values.ENCRYPTION_KEY;
  if (encryptionKey !== undefined && !isBase64Of32Bytes(encryptionKey)) {
    problems.push(
      "ENCRYPTION_KEY must be standard base64 of exactly 32 bytes (44 characters ending in '='); " +
        "generate one with `openssl rand -base64 32`.",
    );
  }
  for (const key of [REQUIRED_KEYS[0], REQUIRED_KEYS[1]]) {
    const value = values[key];
    if (value !== undefined && value.trim() !== value) {
      problems.push(
        `${key} has leading or trailing whitespace; remove it (it would become part of the value).`,
      );
    }
  }

  const anthropicKey = present(env, "ANTHROPIC_API_KEY");
  if (anthropicKey !== undefined) values.ANTHROPIC_API_KEY = anthropicKey;

  for (const provider of OAUTH_PROVIDERS) {
    const set = [...provider.pair, ...provider.extra].filter((key) => present(env, key) !== undefined);
    if (set.length === 0) continue;
    const missing = provider.pair.filter((key) => present(env, key) === undefined);
    if (missing.length > 0) {
      problems.push(
        `${provider.name} OAuth is half configured: ${set.join(", ")} set but ${missing.join(", ")} not; ` +
          "set both client id and secret, or neither.",
      );
      continue;
    }
    for (const key of set) values[key] = env[key] as string;
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}
