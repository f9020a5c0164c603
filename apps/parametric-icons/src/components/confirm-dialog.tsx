import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { buttonDanger, buttonSecondary } from "./ui";

/** A modal confirmation for destructive actions; focus is trapped and Escape cancels. */
export function ConfirmDialog(props: {
  readonly open: boolean;
  readonly title: string;
  readonly body: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <ModalOverlay
      isOpen={props.open}
      onOpenChange={(open) => !open && props.onCancel()}
      isDismissable
      className="fixed inset-0 z-40 flex items-center justify-center bg-black/50 p-4"
    >
      <Modal className="w-full max-w-sm rounded-xl bg-white p-5 text-zinc-900 shadow-xl dark:bg-zinc-800 dark:text-zinc-50">
        <Dialog role="alertdialog" className="outline-none">
          <Heading slot="title" className="text-lg font-semibold">
            {props.title}
          </Heading>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">{props.body}</p>
          <div className="mt-5 flex justify-end gap-2">
            <Button className={buttonSecondary} onPress={props.onCancel} autoFocus>
              Cancel
            </Button>
            <Button className={buttonDanger} onPress={props.onConfirm}>
              {props.confirmLabel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
