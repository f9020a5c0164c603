-- In-flight OAuth sign-ins. The browser holds state, PKCE verifier and nonce in an encrypted
-- cookie; this row makes each state usable once, across every API replica.
create table oauth_flows (
  -- SHA-256 of the random `state`; the state itself is never stored.
  state_hash bytea primary key,
  provider text not null check (provider in ('github', 'google', 'microsoft')),
  expires_at timestamptz not null
);
create index oauth_flows_expires_at_idx on oauth_flows (expires_at);
