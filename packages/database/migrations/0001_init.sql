-- Initial schema: people, how they sign in, their sessions, their provider keys and their icons.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text,
  email_verified boolean not null default false,
  name text,
  avatar_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Case-insensitive uniqueness: "Ada@Example.com" and "ada@example.com" are one person.
create unique index users_email_lower_key on users (lower(email)) where email is not null;

create table oauth_accounts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  provider text not null check (provider in ('github', 'google', 'microsoft')),
  provider_account_id text not null,
  email text,
  created_at timestamptz not null default now(),
  unique (provider, provider_account_id)
);
create index oauth_accounts_user_id_idx on oauth_accounts (user_id);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  -- SHA-256 of the 256-bit cookie token; the token itself is never stored.
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  last_active_at timestamptz not null default now(),
  expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  revoked_at timestamptz,
  user_agent text,
  ip text
);
create index sessions_user_id_idx on sessions (user_id);
create index sessions_expires_at_idx on sessions (expires_at);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  provider text not null check (provider in ('anthropic')),
  name text not null,
  -- AES-256-GCM envelope: version byte, IV, tag, ciphertext; the owner's id is the AAD.
  ciphertext bytea not null,
  key_version integer not null,
  hint text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  unique (user_id, name)
);

create table assets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  parent_id uuid references assets (id) on delete set null,
  prompt text not null,
  intent text not null check (intent in ('create', 'refine')),
  color_mode text not null check (color_mode in ('dark', 'light')),
  engine text not null,
  -- [{ index, svg, findings, score, ... }], written once, after the whole generation succeeded.
  variants jsonb not null,
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index assets_user_created_idx on assets (user_id, created_at desc) where deleted_at is null;
