import type { Database } from "@parametric-portal/database/client";
import { users } from "@parametric-portal/database/schema";
import { sql } from "drizzle-orm";

export type UserRow = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "avatarUrl">;

const columns = { id: users.id, email: users.email, name: users.name, avatarUrl: users.avatarUrl };

export const findUserByEmail = async (database: Database, email: string): Promise<UserRow | null> => {
  const [row] = await database.db
    .select(columns)
    .from(users)
    // lower() on both sides uses the users_email_lower_key index; Drizzle has no lower() helper.
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row ?? null;
};

/** Development sign-in only: the address is taken on trust, which is why production cannot reach it. */
export const findOrCreateDevUser = async (
  database: Database,
  email: string,
  name: string | null,
): Promise<UserRow> => {
  const existing = await findUserByEmail(database, email);
  if (existing) return existing;
  const [row] = await database.db
    .insert(users)
    .values({ email, emailVerified: true, name })
    // A concurrent first sign-in with the same address inserted it first: use that row.
    .onConflictDoNothing()
    .returning(columns);
  return row ?? (await findUserByEmail(database, email))!;
};
