import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { openDatabase } from "@parametric-portal/database/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checksums, runTask, type Seeded, seededDatabase, serverEnv } from "../test-kit/backup-test-kit";

// Everything a restore could leave behind: relations, functions and types in any user schema.
const OBJECTS = `select n.nspname || '.' || c.relname || ':' || c.relkind::text as object from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_to%'
union all select n.nspname || '.' || p.proname || ':f' from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace where n.nspname not in ('pg_catalog', 'information_schema')
union all select nspname || ':schema' from pg_namespace
  where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg\\_t%'
order by 1`;

let seeded: Seeded;
let dir: string;
beforeEach(async () => {
  seeded = await seededDatabase("restore");
  dir = await mkdtemp(path.join(tmpdir(), "pp-restore-"));
});
afterEach(async () => {
  await seeded.close();
});

const objects = async (): Promise<string[]> =>
  (await seeded.db.query<{ object: string }>(OBJECTS)).map((row) => row.object);

const backUp = async (): Promise<string> => {
  const result = await runTask("backup-db", [], serverEnv(seeded.config, dir));
  expect(result.code).toBe(0);
  const [name] = await readdir(dir);
  return path.join(dir, name ?? "");
};

describe("restore-db (server target)", () => {
  it("leaves exactly the dump: tables, schemas and functions added after the backup are gone", async () => {
    const file = await backUp();
    const before = { content: await checksums(seeded.db), objects: await objects() };
    await seeded.db.exec(`
      create table added_later (id int primary key, note text);
      insert into added_later values (1, 'not in the backup');
      create schema reports;
      create view reports.user_count as select count(*) from users;
      create function public.added_fn() returns int language sql as 'select 1';
      delete from sessions where ip like '%.2';
      insert into users (email) values ('late@example.com');
    `);
    expect(await objects()).toEqual(expect.arrayContaining(["public.added_later:r", "reports:schema"]));
    await seeded.db.close();

    const restore = await runTask("restore-db", [file, "--yes"], serverEnv(seeded.config, dir));
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);

    seeded.db = await openDatabase(seeded.config);
    expect(await objects()).toEqual(before.objects);
    expect(await checksums(seeded.db)).toEqual(before.content);
    // The API's role can still create and use tables in the recreated public schema.
    await seeded.db.exec("create table public.after_restore (id int); drop table public.after_restore");

    // verify-backup still proves the file against the restored database.
    const verify = await runTask("verify-backup", [file], serverEnv(seeded.config, dir));
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
  });

  it("rolls the emptying back with the rest when the dump fails part-way", async () => {
    await seeded.db.exec("create table added_later (id int)");
    const before = { content: await checksums(seeded.db), objects: await objects() };
    // A file that passes the gzip and trailer checks but whose SQL fails after the emptying ran.
    const broken = path.join(dir, `${seeded.config.database}_20200101_000000.sql.gz`);
    await writeFile(
      broken,
      await promisify(gzip)(
        "create table public.t (id int);\nselect * from no_such_table;\n-- PostgreSQL database dump complete\n",
      ),
    );
    await seeded.db.close();
    const restore = await runTask("restore-db", [broken, "--yes"], serverEnv(seeded.config, dir));
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/no_such_table/);
    seeded.db = await openDatabase(seeded.config);
    expect(await objects()).toEqual(before.objects);
    expect(await checksums(seeded.db)).toEqual(before.content);
  });
});
