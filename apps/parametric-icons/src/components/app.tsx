import { lazy, Suspense, useEffect, useRef } from "react";
import { Button } from "react-aria-components";
import { errorMessage } from "../lib/api-client";
import { authErrorMessage } from "../lib/auth-errors";
import { sessionEvents } from "../state/query-client";
import { useMe } from "../state/session";
import { useToast } from "../state/toasts";
import { SignInScreen } from "./sign-in-screen";
import { buttonPrimary } from "./ui";

// Signed-out visitors never need the workspace; signed-in ones fetch it while the session loads.
const Workspace = lazy(() => import("./workspace").then((m) => ({ default: m.Workspace })));

function Restoring() {
  return (
    <main className="flex min-h-dvh items-center justify-center" aria-busy="true">
      <p>Restoring your session…</p>
    </main>
  );
}

/**
 * Moves focus to the page's main heading once it is on the page (the workspace loads lazily, so it
 * may arrive later), giving up after a deadline. Returns a function that stops waiting.
 */
const focusMainHeading = (): (() => void) => {
  const focus = (): boolean => {
    const heading = document.querySelector<HTMLElement>("main h1");
    heading?.focus();
    return heading !== null;
  };
  if (focus()) return () => {};
  const observer = new MutationObserver(() => focus() && stop());
  const timer = setTimeout(() => stop(), 10_000);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
};

/**
 * After signing in or out the screen is replaced under the user's focus; landing it on the new
 * screen's heading keeps keyboard and screen reader users oriented. A page load is not a change.
 */
const useFocusOnSessionChange = (signedIn: boolean | undefined) => {
  const previous = useRef(signedIn);
  useEffect(() => {
    const before = previous.current;
    previous.current = signedIn;
    if (before === undefined || signedIn === undefined || before === signedIn) return;
    return focusMainHeading();
  }, [signedIn]);
};

/** Reads `?signedIn=` / `?authError=` from the OAuth return, tells the user, then cleans the URL. */
const useOAuthReturn = () => {
  const toast = useToast();
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const signedIn = params.get("signedIn");
    const authError = params.get("authError");
    if (!signedIn && !authError) return;
    // Back from the provider is a page load, not a change the session hook sees. Not stopped on
    // cleanup: this effect cleans the URL, so a second run (StrictMode) would not start it again.
    if (signedIn) focusMainHeading();
    if (signedIn) toast.show("success", `Signed in with ${signedIn}.`);
    if (authError) {
      toast.show("error", authErrorMessage(authError));
    }
    params.delete("signedIn");
    params.delete("authError");
    const query = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
  }, [toast]);
};

/** Tells the user when the server ended the session, so the sign-in screen is not a surprise. */
const useSessionEndedNotice = () => {
  const toast = useToast();
  useEffect(() => {
    const onEnded = () => toast.show("info", "Your session ended. Sign in again to continue.");
    sessionEvents.addEventListener("ended", onEnded);
    return () => sessionEvents.removeEventListener("ended", onEnded);
  }, [toast]);
};

export function App() {
  useOAuthReturn();
  useSessionEndedNotice();
  const me = useMe();
  useFocusOnSessionChange(me.data === undefined ? undefined : me.data !== null);
  if (me.isPending) return <Restoring />;
  if (me.isError) {
    return (
      <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-4 text-center">
        <h1 className="text-xl font-semibold">Parametric Icons</h1>
        <p role="alert">{errorMessage(me.error)}</p>
        <Button className={buttonPrimary} onPress={() => me.refetch()}>
          Try again
        </Button>
      </main>
    );
  }
  return me.data ? (
    <Suspense fallback={<Restoring />}>
      <Workspace user={me.data} />
    </Suspense>
  ) : (
    <SignInScreen />
  );
}
