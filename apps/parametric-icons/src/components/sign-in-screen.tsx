import { type FormEvent, useState } from "react";
import { Button, Input, Label, TextField } from "react-aria-components";
import { errorMessage } from "../lib/api-client";
import { startOAuth, useDevSignIn, useProviders } from "../state/session";
import { useToast } from "../state/toasts";
import { buttonPrimary, buttonSecondary, inputBase, label } from "./ui";

export function SignInScreen() {
  const providers = useProviders();
  const devSignIn = useDevSignIn();
  const toast = useToast();
  const [email, setEmail] = useState("designer@example.com");
  const [name, setName] = useState("Designer");
  const configured = providers.data?.providers.filter((p) => p.configured) ?? [];

  const submitDev = (event: FormEvent) => {
    event.preventDefault();
    devSignIn.mutate(
      { email, name },
      {
        onSuccess: (s) => toast.show("success", `Signed in as ${s.user.email ?? s.user.name ?? "you"}.`),
        onError: (e) => toast.show("error", errorMessage(e)),
      },
    );
  };

  return (
    // Anchored near the top rather than centred: the options arrive after the first paint, and a
    // centred card would move its heading and text as it grows (a layout shift).
    <main className="flex min-h-dvh items-start justify-center p-4 pt-[12dvh]">
      <div className="w-full max-w-sm rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
        {/* Focusable so sign-out can land keyboard and screen reader users here (app.tsx). */}
        <h1 tabIndex={-1} className="text-2xl font-semibold outline-none">
          Parametric Icons
        </h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          CAD toolbar icons from a sentence. Sign in to keep your library across browsers.
        </p>
        {/* Room for all three providers' buttons is kept until they arrive, so the card does not jump. */}
        <div className={providers.data ? "mt-6" : "mt-6 min-h-[8.5rem]"}>
          {providers.isPending && <p className="text-sm">Loading sign-in options…</p>}
          {providers.isError && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {errorMessage(providers.error)}{" "}
              <Button className="underline" onPress={() => providers.refetch()}>
                Retry
              </Button>
            </p>
          )}
          {providers.data && (
            <div className="flex flex-col gap-2">
              {configured.map((p) => (
                <Button key={p.id} className={buttonSecondary} onPress={() => startOAuth(p.id)}>
                  Continue with {p.name}
                </Button>
              ))}
              {configured.length === 0 && !providers.data.devSignIn && (
                <p className="text-sm text-zinc-600 dark:text-zinc-300">
                  No sign-in provider is configured on this server. An operator must set the OAUTH_* variables
                  (operations manual §3.1).
                </p>
              )}
            </div>
          )}
        </div>
        {providers.data?.devSignIn && (
          <form
            onSubmit={submitDev}
            className="mt-6 flex flex-col gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-700"
          >
            <h2 className="text-sm font-semibold">Development sign-in</h2>
            <TextField
              value={email}
              onChange={setEmail}
              type="email"
              isRequired
              className="flex flex-col gap-1"
            >
              <Label className={label}>Email</Label>
              <Input className={inputBase} />
            </TextField>
            <TextField value={name} onChange={setName} className="flex flex-col gap-1">
              <Label className={label}>Name</Label>
              <Input className={inputBase} />
            </TextField>
            <Button type="submit" className={buttonPrimary} isDisabled={devSignIn.isPending}>
              {devSignIn.isPending ? "Signing in…" : "Sign in for development"}
            </Button>
          </form>
        )}
      </div>
    </main>
  );
}
