-- Statistics on the list search's text, so the planner knows how many of a user's rows a search
-- term matches. assets_search_idx is partial, and PostgreSQL takes no statistics from a partial
-- index's expression: without these it guessed a handful of matches for every term and read
-- every match of a common word through the trigram index (8,333 rows, ~90 ms at a million rows)
-- where walking the newest rows finds a page in under a millisecond. The expression must stay
-- exactly the one of assets_search_idx and of the list query in icons-repository.ts.
create statistics assets_search_text_stats on (lower((coalesce(name, '') || ' ') || prompt)) from assets;
analyze assets;
