import type { Asset, Variant } from "@parametric-portal/contracts/icons";
import { OAUTH_PROVIDERS } from "@parametric-portal/contracts/providers";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The typed view of migrations/*.sql; the SQL files are the source of truth, and schema.test.ts
 * fails when a table, column, type, nullability, default or index here differs from a migrated
 * database. Constraint and index names are PostgreSQL's own (`_key`, `_idx`, `_check`), so the
 * comparison can match them by name. A new migration adds its tables here and to `schema`.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

const timestamptz = (name: string) => timestamp(name, { withTimezone: true });
const createdAt = () => timestamptz("created_at").notNull().defaultNow();
const ownerId = () =>
  uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

// The migrations' CHECK lists the same names; the schema test compares the two.
const oauthProviderCheck = (table: string, column: AnyPgColumn) =>
  check(
    `${table}_provider_check`,
    sql`${column} in (${sql.raw(OAUTH_PROVIDERS.map((provider) => `'${provider}'`).join(", "))})`,
  );

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email"),
    emailVerified: boolean("email_verified").notNull().default(false),
    name: text("name"),
    avatarUrl: text("avatar_url"),
    createdAt: createdAt(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`).where(sql`${t.email} is not null`)],
);

export const oauthAccounts = pgTable(
  "oauth_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: ownerId(),
    provider: text("provider", { enum: OAUTH_PROVIDERS }).notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    email: text("email"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("oauth_accounts_provider_provider_account_id_key").on(t.provider, t.providerAccountId),
    index("oauth_accounts_user_id_idx").on(t.userId),
    oauthProviderCheck("oauth_accounts", t.provider),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: ownerId(),
    tokenHash: bytea("token_hash").notNull().unique("sessions_token_hash_key"),
    createdAt: createdAt(),
    lastActiveAt: timestamptz("last_active_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
    absoluteExpiresAt: timestamptz("absolute_expires_at").notNull(),
    revokedAt: timestamptz("revoked_at"),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: ownerId(),
    provider: text("provider", { enum: ["anthropic"] }).notNull(),
    name: text("name").notNull(),
    ciphertext: bytea("ciphertext").notNull(),
    keyVersion: integer("key_version").notNull(),
    hint: text("hint").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz("last_used_at"),
  },
  (t) => [
    unique("api_keys_user_id_name_key").on(t.userId, t.name),
    check("api_keys_provider_check", sql`${t.provider} in ('anthropic')`),
  ],
);

/** Shared rate-limit counters (migration 0005), written with raw SQL by the API's limiter store. */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text("key").notNull(),
    windowEndMs: bigint("window_end_ms", { mode: "number" }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [
    primaryKey({ name: "rate_limit_counters_pkey", columns: [t.key, t.windowEndMs] }),
    // The sweep deletes by window end across all keys.
    index("rate_limit_counters_window_end_idx").on(t.windowEndMs),
  ],
);

export const assets = pgTable(
  "assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: ownerId(),
    parentId: uuid("parent_id").references((): AnyPgColumn => assets.id, { onDelete: "set null" }),
    prompt: text("prompt").notNull(),
    intent: text("intent", { enum: ["create", "refine"] }).notNull(),
    colorMode: text("color_mode", { enum: ["dark", "light"] }).notNull(),
    // No CHECK in the database: the engines are the API's to name.
    engine: text("engine").$type<Asset["engine"]>().notNull(),
    variants: jsonb("variants").$type<Variant[]>().notNull(),
    createdAt: createdAt(),
    deletedAt: timestamptz("deleted_at"),
    /** Who paid the model: only server-paid generations count against the daily quota. */
    keySource: text("key_source", { enum: ["server", "user"] }),
    understood: jsonb("understood").$type<string[]>(),
    notUnderstood: jsonb("not_understood").$type<string[]>(),
    /** In the library (kept) when set; every generation stays in the history either way. */
    keptAt: timestamptz("kept_at"),
    /** The variant (its `index`) picked when kept (migration 0008): the list's thumbnail and a set's default. */
    keptVariant: smallint("kept_variant"),
    name: text("name"),
    // The list's light columns (migration 0006): the assets_light_columns trigger derives them
    // from `variants` on every write, so inserts send placeholders only to satisfy the insert type.
    tool: text("tool"),
    toolType: text("tool_type", { enum: ["DRAWING", "ANALYSIS", "MODIFICATION"] })
      .notNull()
      .$defaultFn(() => "DRAWING"),
    variantCount: integer("variant_count")
      .notNull()
      .$defaultFn(() => 0),
    thumbnailSvg: text("thumbnail_svg")
      .notNull()
      .$defaultFn(() => ""),
  },
  (t) => [
    index("assets_user_created_idx")
      .on(t.userId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    index("assets_user_kept_idx")
      .on(t.userId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} is null and ${t.keptAt} is not null`),
    index("assets_user_name_idx")
      .on(t.userId, sql`lower(coalesce(${t.name}, ${t.prompt}))`, t.id)
      .where(sql`${t.deletedAt} is null`),
    index("assets_search_idx")
      .using("gin", t.userId, sql`lower((coalesce(${t.name}, '') || ' ') || ${t.prompt})`)
      .where(sql`${t.deletedAt} is null`),
    index("assets_server_paid_idx").on(t.userId, t.createdAt).where(sql`${t.keySource} = 'server'`),
    index("assets_parent_id_idx").on(t.parentId).where(sql`${t.parentId} is not null`),
    check("assets_intent_check", sql`${t.intent} in ('create', 'refine')`),
    check("assets_color_mode_check", sql`${t.colorMode} in ('dark', 'light')`),
    check("assets_key_source_check", sql`${t.keySource} in ('server', 'user')`),
    check("assets_kept_variant_check", sql`${t.keptVariant} >= 0`),
    check("assets_name_check", sql`char_length(${t.name}) between 1 and 120`),
    check("assets_tool_type_check", sql`${t.toolType} in ('DRAWING', 'ANALYSIS', 'MODIFICATION')`),
  ],
);

/** A user's named collection of library icons (migration 0006). */
export const iconSets = pgTable(
  "icon_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: ownerId(),
    name: text("name").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("icon_sets_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    check("icon_sets_name_check", sql`char_length(${t.name}) between 1 and 80`),
  ],
);

/** One variant of one icon in a set, at a position. */
export const iconSetItems = pgTable(
  "icon_set_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    setId: uuid("set_id")
      .notNull()
      .references(() => iconSets.id, { onDelete: "cascade" }),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    variantIndex: integer("variant_index").notNull(),
    position: integer("position").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("icon_set_items_set_id_asset_id_variant_index_key").on(t.setId, t.assetId, t.variantIndex),
    index("icon_set_items_set_position_idx").on(t.setId, t.position),
    index("icon_set_items_asset_idx").on(t.assetId),
    check("icon_set_items_variant_index_check", sql`${t.variantIndex} >= 0`),
  ],
);

/** In-flight OAuth sign-ins: the SHA-256 of each `state`, redeemable once. */
export const oauthFlows = pgTable(
  "oauth_flows",
  {
    stateHash: bytea("state_hash").primaryKey(),
    provider: text("provider", { enum: OAUTH_PROVIDERS }).notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [index("oauth_flows_expires_at_idx").on(t.expiresAt), oauthProviderCheck("oauth_flows", t.provider)],
);

/** Admitted, not yet stored server-paid generations; counted by the daily quota. */
export const generationReservations = pgTable(
  "generation_reservations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: ownerId(),
    createdAt: createdAt(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [index("generation_reservations_user_idx").on(t.userId, t.expiresAt)],
);

export const schema = {
  users,
  oauthAccounts,
  sessions,
  apiKeys,
  assets,
  oauthFlows,
  generationReservations,
  rateLimitCounters,
  iconSets,
  iconSetItems,
};
