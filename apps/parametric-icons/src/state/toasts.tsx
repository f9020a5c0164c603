import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";

export type ToastKind = "success" | "error" | "info";
interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

interface ToastApi {
  readonly show: (kind: ToastKind, text: string, action?: Toast["action"]) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

export const useToast = (): ToastApi => {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
};

const STYLE: Record<ToastKind, string> = {
  success: "border-emerald-500/60",
  error: "border-red-500/70",
  info: "border-sky-500/60",
};

/** Toasts in a polite live region (errors assertive) so screen readers announce them too. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback<ToastApi["show"]>(
    (kind, text, action) => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { id, kind, text, ...(action && { action }) }]);
      // Errors and undo offers stay longer: they ask the reader to do something.
      setTimeout(() => dismiss(id), kind === "error" || action ? 9000 : 4000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);
  // On phones the stack sits just above the fixed bottom rail (and the home indicator's safe area),
  // clear of the prompt at the top, and shows only the newest toast so it covers as little as
  // possible; from md up it sits in the bottom-right corner.
  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-0 bottom-[calc(4.25rem+env(safe-area-inset-bottom))] z-50 flex flex-col items-center gap-2 px-3 max-md:[&>*:not(:last-child)]:hidden sm:right-3 sm:left-auto sm:items-end md:bottom-3"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.kind === "error" ? "alert" : "status"}
            data-toast={t.kind}
            className={`pointer-events-auto flex max-w-sm items-start gap-3 rounded-lg border-l-4 bg-white px-3 py-2 text-sm md:px-4 md:py-3 text-zinc-900 shadow-lg dark:bg-zinc-800 dark:text-zinc-50 ${STYLE[t.kind]}`}
          >
            <p className="flex-1">{t.text}</p>
            {t.action && (
              <button
                type="button"
                className="rounded font-semibold text-sky-700 underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300"
                onClick={() => {
                  t.action?.run();
                  dismiss(t.id);
                }}
              >
                {t.action.label}
              </button>
            )}
            <button
              type="button"
              aria-label="Dismiss notification"
              className="-m-1 rounded p-1 text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-zinc-300 dark:hover:text-white"
              onClick={() => dismiss(t.id)}
            >
              ×
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}
