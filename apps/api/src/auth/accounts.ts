import type { Database } from "@parametric-portal/database/client";
import { oauthAccounts, users } from "@parametric-portal/database/schema";
import { and, eq, sql } from "drizzle-orm";
import type { OAuthProvider } from "../config";
import type { Profile } from "./oauth-profile";

/**
 * Finds the user a provider account belongs to, linking or creating as needed. An address links
 * to an existing user only when the provider vouches for it; an unverified address is never put on
 * a user either, so nobody can pre-claim someone else's address for a later link.
 */
export const linkOrCreateUser = async (
  database: Database,
  provider: OAuthProvider,
  profile: Profile,
): Promise<{ userId: string; linked: "existing-account" | "verified-email" | "new-user" }> =>
  database.db.transaction(async (tx) => {
    const [account] = await tx
      .select({ userId: oauthAccounts.userId })
      .from(oauthAccounts)
      .where(
        and(
          eq(oauthAccounts.provider, provider),
          eq(oauthAccounts.providerAccountId, profile.providerAccountId),
        ),
      )
      .limit(1);
    if (account) {
      // Fill in what the user did not have yet; never overwrite what they have (coalesce() has
      // no Drizzle helper).
      await tx
        .update(users)
        .set({
          name: sql`coalesce(${users.name}, ${profile.name})`,
          avatarUrl: sql`coalesce(${users.avatarUrl}, ${profile.avatarUrl})`,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, account.userId));
      return { userId: account.userId, linked: "existing-account" as const };
    }

    const verifiedEmail = profile.emailVerified ? profile.email : null;
    let userId: string | undefined;
    let linked: "verified-email" | "new-user" = "new-user";
    if (verifiedEmail !== null) {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        // lower() on both sides uses the users_email_lower_key index; Drizzle has no lower() helper.
        .where(sql`lower(${users.email}) = lower(${verifiedEmail})`)
        .limit(1);
      if (existing) {
        userId = existing.id;
        linked = "verified-email";
        await tx.update(users).set({ emailVerified: true }).where(eq(users.id, existing.id));
      }
    }
    if (userId === undefined) {
      const [created] = await tx
        .insert(users)
        .values({
          email: verifiedEmail,
          emailVerified: verifiedEmail !== null,
          name: profile.name,
          avatarUrl: profile.avatarUrl,
        })
        .returning({ id: users.id });
      if (!created) throw new Error("Creating the user returned no row.");
      userId = created.id;
    }
    await tx.insert(oauthAccounts).values({
      userId,
      provider,
      providerAccountId: profile.providerAccountId,
      email: profile.email,
    });
    return { userId, linked };
  });
