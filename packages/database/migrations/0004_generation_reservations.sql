-- Server-paid generations that have been admitted but are not stored yet. The daily quota counts
-- these plus the stored server-paid assets, under a per-user advisory lock, so parallel requests
-- on any number of API replicas cannot together pass the quota. A row is deleted when its
-- generation is stored or fails; a replica that dies mid-generation leaves a row that stops
-- counting at expires_at.
create table generation_reservations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index generation_reservations_user_idx on generation_reservations (user_id, expires_at);
