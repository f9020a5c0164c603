-- Rate-limit counters shared by every API replica: one row per limiter key (route + client) and
-- fixed time window, incremented by a single upsert, so N replicas together allow a limit once,
-- not N times. Windows are aligned on the database clock (window_end_ms is the window's end in
-- milliseconds since the epoch), so replicas with skewed clocks still agree. Rows whose window
-- has ended are deleted by a periodic sweep. Unlogged: counters need no WAL or replica copy, and
-- losing them in a server crash only resets the current windows.
create unlogged table rate_limit_counters (
  key text not null,
  window_end_ms bigint not null,
  hits integer not null,
  primary key (key, window_end_ms)
);
-- The sweep deletes by window end across all keys.
create index rate_limit_counters_window_end_idx on rate_limit_counters (window_end_ms);
