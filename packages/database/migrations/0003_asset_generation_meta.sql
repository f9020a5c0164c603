-- What the icons API needs beyond 0001: who paid for a generation (the per-user daily quota
-- counts only generations paid by the server's key) and which prompt words the local engine
-- understood.

alter table assets
  add column key_source text check (key_source in ('server', 'user')),
  add column understood jsonb,
  add column not_understood jsonb;

-- Quota look-ups: a user's server-paid generations in the last 24 hours, deleted ones included
-- (deleting an icon must not give the quota back).
create index assets_server_paid_idx on assets (user_id, created_at) where key_source = 'server';
