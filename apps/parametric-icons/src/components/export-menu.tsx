import { lazy, Suspense, useState } from "react";
import { Button } from "react-aria-components";
import type { ExportActions, ExportTarget } from "../state/export-actions";
import { buttonSecondary } from "./ui";

// The dialog and its exporters (SVGO, fflate, icon-kit's writers) load the first time it opens.
const ExportDialog = lazy(() => import("./export-dialog"));

/** The export dialog for a target, mounted (and so loaded) only while open. */
export function ExportDialogHost({ target, onClose }: { target: ExportTarget | null; onClose: () => void }) {
  if (!target) return null;
  return (
    <Suspense fallback={null}>
      <ExportDialog target={target} onClose={onClose} />
    </Suspense>
  );
}

/** The stage's Export button: opens the export dialog for the shown variant. */
export function ExportMenu({ actions, disabled }: { actions: ExportActions; disabled: boolean }) {
  const [open, setOpen] = useState<ExportTarget | null>(null);
  return (
    <>
      <Button
        className={buttonSecondary}
        isDisabled={disabled || actions.target === null}
        aria-label="Export"
        aria-haspopup="dialog"
        onPress={() => setOpen(actions.target)}
      >
        Export…
      </Button>
      <ExportDialogHost target={open} onClose={() => setOpen(null)} />
    </>
  );
}
