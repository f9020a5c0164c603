import type { Database } from "@parametric-portal/database/client";
import { openMigratedTestDatabase } from "@parametric-portal/test-support/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The list query must use migration 0006's indexes: with thousands of rows, PostgreSQL plans
 * the list's conditions and orders (the expressions icons-repository.ts writes) as index scans
 * of the user's rows, never a sequential scan of assets.
 */

// One user's share of the table is small, as in production: their rows are worth an index.
const USERS = 20;
const ROWS_FIRST_USER = 1500;
const ROWS_OTHER_USERS = 400;

describe("library list plans on postgres", () => {
  let database: Database;
  let close: (() => Promise<void>) | undefined;
  let userId = "";

  beforeAll(async () => {
    ({ database, close } = await openMigratedTestDatabase("postgres", "libplan"));
    const users = await database.query<{ id: string }>(
      `insert into users (email) select null from generate_series(1, ${USERS}) returning id`,
    );
    userId = users[0]?.id ?? "";
    await database.query(
      `insert into assets (user_id, prompt, name, intent, color_mode, engine, variants, kept_at, created_at)
       select u.id, 'prompt ' || md5(g::text || u.id::text), case when g % 7 = 0 then 'label ' || g end,
         'create', 'dark', 'local',
         jsonb_build_array(jsonb_build_object('index', 0, 'svg', '<svg/>', 'toolType', 'DRAWING', 'passed', true,
           'score', 100, 'findings', '[]'::jsonb, 'tool', case when g % 3 = 0 then 'polar array' else 'arc' end)),
         case when g % 2 = 0 then now() end, now() - g * interval '1 minute'
       from unnest($1::uuid[]) with ordinality u(id, ord),
         generate_series(1, case when u.ord = 1 then ${ROWS_FIRST_USER} else ${ROWS_OTHER_USERS} end) g`,
      [users.map((u) => u.id)],
    );
    await database.exec("analyze assets");
  }, 120_000);
  afterAll(async () => close?.());

  const plan = async (where: string, order: string): Promise<string> => {
    const rows = await database.query<{ "QUERY PLAN": string }>(
      `explain select id, prompt, name, thumbnail_svg from assets
       where user_id = $1 and deleted_at is null ${where} order by ${order} limit 21`,
      [userId],
    );
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  };

  it.each([
    ["newest", "", "created_at desc, id desc", "assets_user_created_idx"],
    ["oldest", "", "created_at, id", "assets_user_created_idx"],
    ["library", "and kept_at is not null", "created_at desc, id desc", "assets_user_kept_idx"],
    ["name", "", "lower(coalesce(name, prompt)), id", "assets_user_name_idx"],
    // At a few thousand rows PostgreSQL reads the user's rows newest first and filters; the
    // trigram index (assets_search_idx) takes over as a user's rows grow: either way, one user's rows.
    [
      "a search",
      "and lower((coalesce(name, '') || ' ') || prompt) like lower('%Zqxv%')",
      "created_at desc, id desc",
      /assets_search_idx|assets_user_created_idx/,
    ],
    // A word in every prompt: the newest rows hold a page, so reading every match through the
    // trigram index would cost the user's whole library. Only migration 0007's statistics on the
    // search text tell the planner how common the word is.
    [
      "a search for a common word",
      "and lower((coalesce(name, '') || ' ') || prompt) like lower('%Prompt%')",
      "created_at desc, id desc",
      "Index Scan using assets_user_created_idx",
    ],
  ] as [string, string, string, string | RegExp][])(
    "%s uses an index, not a scan of the table",
    async (_, where, order, index) => {
      const text = await plan(where, order);
      expect(text).toMatch(index);
      expect(text).not.toMatch(/Seq Scan on assets/);
    },
  );

  // What PostgreSQL runs for each deleted asset (parent_id is `on delete set null`): without
  // migration 0010 a scan of the whole table per row, so deleting a user took their count squared.
  it("finds the refinements of a deleted asset by index, not a scan of the table", async () => {
    const rows = await database.query<{ "QUERY PLAN": string }>(
      "explain update only assets set parent_id = null where $1 = parent_id",
      [userId],
    );
    const text = rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/assets_parent_id_idx/);
    expect(text).not.toMatch(/Seq Scan on assets/);
  });
});
