-- History vs library, user labels, a light list and sets.
-- Every generation stays in the history; keeping one (kept_at) puts it in the library. The list
-- reads only small per-row columns (thumbnail, tool, counts) so it never detoasts `variants`.

create extension if not exists pg_trgm;
-- Lets one GIN index hold the owner and the trigrams: a search reads one user's matches only.
create extension if not exists btree_gin;

alter table assets
  add column kept_at timestamptz,
  add column name text check (char_length(name) between 1 and 120),
  add column tool text,
  add column tool_type text,
  add column variant_count integer,
  add column thumbnail_svg text;

-- The light columns follow `variants` on every write, whoever writes the row (the API, a
-- restore, a seeder): the thumbnail is the first passing variant, else the first one.
create function assets_light_columns() returns trigger language plpgsql as $$
declare
  thumbnail jsonb := coalesce(jsonb_path_query_first(new.variants, '$[*] ? (@.passed == true)'), new.variants -> 0);
begin
  new.variant_count := jsonb_array_length(new.variants);
  new.thumbnail_svg := coalesce(thumbnail ->> 'svg', '');
  new.tool := thumbnail ->> 'tool';
  new.tool_type := coalesce(thumbnail ->> 'toolType', 'DRAWING');
  return new;
end
$$;
create trigger assets_light_columns before insert or update of variants on assets
  for each row execute function assets_light_columns();
-- Fires the trigger for the rows already there.
update assets set variants = variants;

alter table assets
  alter column variant_count set not null,
  alter column thumbnail_svg set not null,
  alter column tool_type set not null,
  add constraint assets_tool_type_check check (tool_type in ('DRAWING', 'ANALYSIS', 'MODIFICATION'));

-- Keyset pages need the id as the tie-breaker inside the index.
drop index assets_user_created_idx;
create index assets_user_created_idx on assets (user_id, created_at desc, id desc) where deleted_at is null;
create index assets_user_kept_idx on assets (user_id, created_at desc, id desc)
  where deleted_at is null and kept_at is not null;
create index assets_user_name_idx on assets (user_id, lower(coalesce(name, prompt)), id) where deleted_at is null;
create index assets_search_idx on assets using gin (user_id, lower((coalesce(name, '') || ' ') || prompt) gin_trgm_ops)
  where deleted_at is null;

create table icon_sets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 80),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index icon_sets_user_created_idx on icon_sets (user_id, created_at desc, id desc);

create table icon_set_items (
  id uuid primary key default gen_random_uuid(),
  set_id uuid not null references icon_sets (id) on delete cascade,
  asset_id uuid not null references assets (id) on delete cascade,
  variant_index integer not null check (variant_index >= 0),
  position integer not null,
  created_at timestamptz not null default now(),
  unique (set_id, asset_id, variant_index)
);
create index icon_set_items_set_position_idx on icon_set_items (set_id, position);
create index icon_set_items_asset_idx on icon_set_items (asset_id);
