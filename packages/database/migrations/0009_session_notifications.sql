-- Every API replica keeps the sessions it has just looked up for a few seconds, so a signed-in
-- request does not cost a round trip. These triggers tell every replica, on the channel
-- parametric_portal_sessions, the moment a session stops being usable or its user's profile
-- changes, whoever makes the change (the API, a restore, an operator's SQL):
--   s:<session id>  the session was revoked, deleted, moved to another user or cut short;
--   u:<user id>     the user's email, name or avatar changed (deleting a user deletes its
--                   sessions, which notify one by one);
--   all             sessions was truncated.
-- NOTIFY is delivered at commit, so a replica hears of a change only once it is visible. The
-- touch that slides a session's expiry later notifies no one.
create function sessions_notify_ended() returns trigger language plpgsql as $$
begin
  perform pg_notify('parametric_portal_sessions', 's:' || old.id::text);
  return null;
end
$$;

create trigger sessions_notify_revoked after update on sessions
  for each row
  when (new.revoked_at is distinct from old.revoked_at
        or new.token_hash <> old.token_hash
        or new.user_id <> old.user_id
        or new.expires_at < old.expires_at
        or new.absolute_expires_at < old.absolute_expires_at)
  execute function sessions_notify_ended();

create trigger sessions_notify_deleted after delete on sessions
  for each row execute function sessions_notify_ended();

-- A truncate deletes rows without row triggers: every replica forgets every session it kept.
create function sessions_notify_truncated() returns trigger language plpgsql as $$
begin
  perform pg_notify('parametric_portal_sessions', 'all');
  return null;
end
$$;

create trigger sessions_notify_truncated after truncate on sessions
  for each statement execute function sessions_notify_truncated();

create function users_notify_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('parametric_portal_sessions', 'u:' || old.id::text);
  return null;
end
$$;

create trigger users_notify_changed after update on users
  for each row
  when (new.email is distinct from old.email
        or new.name is distinct from old.name
        or new.avatar_url is distinct from old.avatar_url)
  execute function users_notify_changed();
