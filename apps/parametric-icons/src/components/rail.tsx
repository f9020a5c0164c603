import type { PublicUser as User } from "@parametric-portal/contracts/auth";
import { Button } from "react-aria-components";
import type { DrawerTab } from "../state/drawer";
import { RAIL_SPECS, SpecGlyph } from "./glyphs";
import { focusRing } from "./ui";

export const TABS: readonly {
  id: Exclude<DrawerTab, "account">;
  label: string;
  key: string;
}[] = [
  { id: "history", label: "History", key: "1" },
  { id: "inspector", label: "Inspector", key: "2" },
  { id: "library", label: "Library", key: "3" },
  { id: "session", label: "Session", key: "4" },
  { id: "sets", label: "Sets", key: "5" },
];

const initials = (user: User) =>
  (user.name ?? user.email ?? "?")
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join("");

/** Narrow left rail (a bottom bar on phones): drawer tabs and the account button. */
export function Rail(props: { user: User; open: DrawerTab | null; onOpen: (tab: DrawerTab) => void }) {
  const tab = (id: DrawerTab) =>
    `flex flex-col items-center gap-0.5 rounded-md px-2 py-1.5 text-[11px] ${focusRing} ${
      props.open === id
        ? "bg-sky-700 text-white"
        : "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-200 dark:hover:bg-zinc-800"
    }`;
  return (
    <nav
      aria-label="Panels"
      className="fixed inset-x-0 bottom-0 z-20 flex justify-around border-t border-zinc-200 bg-white p-1 md:static md:w-20 md:flex-col md:justify-start md:gap-1 md:border-t-0 md:border-r dark:border-zinc-800 dark:bg-zinc-900"
    >
      {TABS.map((t) => (
        <Button
          key={t.id}
          data-tab={t.id}
          // React Aria's Button drops aria-keyshortcuts; data-key keeps the key readable on the page.
          data-key={t.key}
          className={tab(t.id)}
          onPress={() => props.onOpen(t.id)}
          aria-expanded={props.open === t.id}
          aria-keyshortcuts={t.key}
        >
          <SpecGlyph spec={RAIL_SPECS[t.id]} />
          {t.label}
        </Button>
      ))}
      <Button
        data-tab="account"
        className={`${tab("account")} md:mt-auto`}
        onPress={() => props.onOpen("account")}
        aria-label={`Account: ${props.user.email ?? props.user.name ?? "signed in"}`}
        aria-expanded={props.open === "account"}
      >
        {props.user.avatarUrl ? (
          <img
            src={props.user.avatarUrl}
            alt=""
            className="h-7 w-7 rounded-full"
            referrerPolicy="no-referrer"
          />
        ) : (
          <span
            aria-hidden="true"
            // The ring keeps the avatar visible on the selected (same blue) tab.
            className={`flex h-7 w-7 items-center justify-center rounded-full bg-sky-700 text-xs font-semibold text-white ${
              props.open === "account" ? "ring-2 ring-white" : ""
            }`}
          >
            {initials(props.user)}
          </span>
        )}
      </Button>
    </nav>
  );
}
