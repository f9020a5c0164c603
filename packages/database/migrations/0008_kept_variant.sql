-- The variant the user picked when keeping an icon (its `index` in `variants`); null when kept
-- without a pick or not kept. The list's thumbnail and "Add to set" without a variant use it.

alter table assets
  add column kept_variant smallint check (kept_variant >= 0);

-- As in 0006, plus: the kept variant, when set and present, is the thumbnail (and its tool).
create or replace function assets_light_columns() returns trigger language plpgsql as $$
declare
  thumbnail jsonb := coalesce(
    case when new.kept_variant is not null then
      jsonb_path_query_first(new.variants, '$[*] ? (@.index == $i)', jsonb_build_object('i', new.kept_variant))
    end,
    jsonb_path_query_first(new.variants, '$[*] ? (@.passed == true)'),
    new.variants -> 0);
begin
  new.variant_count := jsonb_array_length(new.variants);
  new.thumbnail_svg := coalesce(thumbnail ->> 'svg', '');
  new.tool := thumbnail ->> 'tool';
  new.tool_type := coalesce(thumbnail ->> 'toolType', 'DRAWING');
  return new;
end
$$;
drop trigger assets_light_columns on assets;
create trigger assets_light_columns before insert or update of variants, kept_variant on assets
  for each row execute function assets_light_columns();
