import { lazy, Suspense, useEffect } from "react";
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

/** Reads `?signedIn=` / `?authError=` from the OAuth return, tells the user, then cleans the URL. */
const useOAuthReturn = () => {
  const toast = useToast();
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const signedIn = params.get("signedIn");
    const authError = params.get("authError");
    if (!signedIn && !authError) return;
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
