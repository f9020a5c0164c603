import type {
  ApiKeyItem as ApiKey,
  CreateApiKeyResponse as SavedApiKey,
  PublicUser as User,
} from "@parametric-portal/contracts/auth";
import { API_KEY_LIMITS } from "@parametric-portal/contracts/limits";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button, Input, Label, TextField } from "react-aria-components";
import { apiJson, endedSession, errorMessage } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { ME_KEY, useSignOut } from "../../state/session";
import { useToast } from "../../state/toasts";
import { ConfirmDialog } from "../confirm-dialog";
import { buttonPrimary, buttonSecondary, inputBase, label } from "../ui";

const KEYS = ["auth", "apikeys"] as const;

/** What Anthropic said about a key when it was saved (returned by the save only, not stored). */
type ApiKeyCheck = Omit<SavedApiKey, "key">;

const CHECK_LABELS: Record<ApiKeyCheck["check"], string> = {
  valid: "Valid",
  refused: "Refused by Anthropic",
  could_not_check: "Could not check",
};
const CHECK_TONES: Record<ApiKeyCheck["check"], string> = {
  valid: "text-emerald-700 dark:text-emerald-400",
  refused: "text-red-700 dark:text-red-400",
  could_not_check: "text-amber-700 dark:text-amber-400",
};

/** The save-time check, next to the key it was made for: the outcome and, in words, why. */
function KeyCheckNote({ check }: { readonly check: ApiKeyCheck }) {
  return (
    <span data-testid="key-check" data-check={check.check} className="text-xs">
      <span className={`font-medium ${CHECK_TONES[check.check]}`}>{CHECK_LABELS[check.check]}</span>
      {" — "}
      {check.checkReason}{" "}
      <time dateTime={check.checkedAt} className="text-zinc-600 dark:text-zinc-300">
        (checked {formatDate(check.checkedAt)})
      </time>
    </span>
  );
}

/** Email, stored provider keys (masked; add and delete), sign-out and "sign out everywhere". */
export function AccountPanel({ user }: { user: User }) {
  const toast = useToast();
  const client = useQueryClient();
  const signOut = useSignOut();
  const keys = useQuery({ queryKey: KEYS, queryFn: () => apiJson<{ keys: ApiKey[] }>("/auth/apikeys") });
  const [name, setName] = useState("");
  const [secret, setSecret] = useState("");
  const [pending, setPending] = useState<ApiKey | null>(null);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  // The API checks a key only when it is saved, so the outcome is known for keys saved here.
  const [checks, setChecks] = useState<Readonly<Record<string, ApiKeyCheck>>>({});
  const refreshKeys = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: KEYS }),
      // Whether Claude can run depends on the keys saved.
      client.invalidateQueries({ queryKey: ME_KEY }),
    ]);

  const add = useMutation({
    mutationFn: () =>
      apiJson<SavedApiKey>("/auth/apikeys", {
        method: "POST",
        body: { provider: "anthropic", name, key: secret },
      }),
    onSuccess: ({ key, check, checkedAt, checkReason }) => {
      setName("");
      setSecret("");
      setChecks((before) => ({ ...before, [key.id]: { check, checkedAt, checkReason } }));
      if (check === "valid")
        toast.show("success", "Anthropic key saved and accepted. New generations will use it.");
      else if (check === "refused")
        toast.show("error", `Key saved, but ${checkReason} Delete it and add a working one.`);
      else toast.show("info", `Key saved, but it could not be checked: ${checkReason}`);
      return refreshKeys();
    },
    onError: (e) => endedSession(e) || toast.show("error", errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      apiJson<void>(`/auth/apikeys/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.show("success", "Key deleted.");
      return refreshKeys();
    },
    onError: (e) => endedSession(e) || toast.show("error", errorMessage(e)),
  });

  // The server revokes every session, this one included; the local sign-out then clears this
  // browser's state and brings back the sign-in screen (its own logout call finds nothing left).
  const everywhere = useMutation({
    mutationFn: () => apiJson<void>("/auth/logout-all", { method: "POST" }),
    onSuccess: () =>
      signOut.mutate(undefined, {
        onSettled: () => toast.show("success", "Signed out on every device."),
      }),
    onError: (e) => endedSession(e) || toast.show("error", errorMessage(e)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };

  return (
    <div className="flex flex-col gap-5 text-sm">
      <section>
        <h3 className="font-semibold">Signed in as</h3>
        <p data-testid="account-email">{user.email ?? "No email shared by your provider"}</p>
        {user.name && <p className="text-zinc-600 dark:text-zinc-300">{user.name}</p>}
      </section>
      <section className="flex flex-col gap-2">
        <h3 className="font-semibold">API keys</h3>
        {keys.isPending && <p>Loading keys…</p>}
        {keys.isError && <p role="alert">{errorMessage(keys.error)}</p>}
        {keys.data?.keys.length === 0 && (
          <p className="text-zinc-600 dark:text-zinc-300">
            No keys stored. Generations use the server's key if it has one, otherwise the local engine.
          </p>
        )}
        <ul className="flex flex-col gap-1" aria-label="Stored API keys">
          {keys.data?.keys.map((k) => (
            <li
              key={k.id}
              className="flex items-center justify-between gap-2 rounded border border-zinc-200 px-2 py-1 dark:border-zinc-700"
            >
              <span className="flex flex-col">
                <span>
                  <span className="font-medium">{k.name}</span> · {k.provider} · <code>{k.hint}</code>
                </span>
                {checks[k.id] && <KeyCheckNote check={checks[k.id]!} />}
              </span>
              <Button
                className={buttonSecondary}
                aria-label={`Delete key ${k.name}`}
                onPress={() => setPending(k)}
              >
                Delete
              </Button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={submit}
          className="flex flex-col gap-2 rounded border border-zinc-200 p-3 dark:border-zinc-700"
        >
          <h4 className="font-medium">Add an Anthropic key</h4>
          <TextField value={name} onChange={setName} isRequired className="flex flex-col gap-1">
            <Label className={label}>Name</Label>
            <Input className={inputBase} placeholder="e.g. work" maxLength={API_KEY_LIMITS.nameMaxLength} />
          </TextField>
          <TextField
            value={secret}
            onChange={setSecret}
            isRequired
            type="password"
            className="flex flex-col gap-1"
          >
            <Label className={label}>Key</Label>
            <Input className={inputBase} autoComplete="off" placeholder="sk-ant-…" />
          </TextField>
          <Button
            type="submit"
            className={buttonPrimary}
            isDisabled={add.isPending || !name.trim() || !secret.trim()}
          >
            {add.isPending ? "Saving…" : "Save key"}
          </Button>
        </form>
      </section>
      {/* Signing out loses nothing (the library is on the server): an ordinary button, not a red one. */}
      <Button
        className={buttonSecondary}
        onPress={() =>
          signOut.mutate(undefined, {
            onSuccess: () => toast.show("success", "Signed out."),
            onError: () =>
              toast.show(
                "info",
                "Signed out on this device; the server could not be reached to end the session.",
              ),
          })
        }
      >
        Sign out
      </Button>
      <Button
        className={buttonSecondary}
        isDisabled={everywhere.isPending}
        onPress={() => setConfirmEverywhere(true)}
      >
        {everywhere.isPending ? "Signing out everywhere…" : "Sign out everywhere"}
      </Button>
      <ConfirmDialog
        open={confirmEverywhere}
        title="Sign out everywhere?"
        body="Every device and browser signed in to this account, this one included, will have to sign in again."
        confirmLabel="Sign out everywhere"
        onConfirm={() => {
          setConfirmEverywhere(false);
          everywhere.mutate();
        }}
        onCancel={() => setConfirmEverywhere(false)}
      />
      <ConfirmDialog
        open={pending !== null}
        title="Delete this key?"
        body={`The key “${pending?.name ?? ""}” will be removed. Generations will fall back to the server's key, or the local engine.`}
        confirmLabel="Delete key"
        onConfirm={() => {
          if (pending) remove.mutate(pending.id);
          setPending(null);
        }}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}
