-- assets.parent_id references assets (on delete set null): every deleted row makes PostgreSQL look
-- for the rows that name it as their parent. Without an index that is a scan of the whole table
-- per deleted row, so deleting a user with many icons (their assets cascade) took time growing
-- with the square of their count: the bench's delete of ~100,000 generated icons ran into its
-- query timeout. Only refinements have a parent, so the index holds those rows alone.
create index assets_parent_id_idx on assets (parent_id) where parent_id is not null;
