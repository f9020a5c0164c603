import type { IconSet } from "@parametric-portal/contracts/sets";
import { useId, useState } from "react";
import {
  Button,
  Dialog,
  Form,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  TextField,
} from "react-aria-components";
import { endedSession, errorMessage } from "../../lib/api-client";
import { useAddToSet, useCreateSet, useSets } from "../../state/sets";
import { buttonPrimary, buttonSecondary, focusRing, inputBase, label } from "../ui";
import { checkSetName, chunks } from "./library-query";

/**
 * "Add to set" for the library's selection: pick one of the user's sets, or name a new one. The
 * selected icons are added at the end of the set, each with the variant picked when it was kept
 * (else its first): no variantIndex is sent, so the server's default applies.
 */
export function AddToSetDialog(props: {
  iconIds: readonly string[];
  open: boolean;
  onClose: () => void;
  onAdded: (set: Pick<IconSet, "name">, count: number) => void;
}) {
  const sets = useSets();
  const create = useCreateSet();
  const add = useAddToSet();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const busy = create.isPending || add.isPending;
  const items = props.iconIds.map((iconId) => ({ iconId }));
  const fail = (e: unknown) => endedSession(e) || setError(errorMessage(e));

  const addTo = async (set: Pick<IconSet, "id" | "name">) => {
    for (const part of chunks(items)) await add.mutateAsync({ id: set.id, items: part });
    props.onAdded(set, items.length);
    setName("");
    props.onClose();
  };
  const createAndAdd = async () => {
    const checked = checkSetName(name);
    if (!checked.ok) return setError(checked.message);
    await addTo(await create.mutateAsync(checked.name));
  };
  const existing = sets.data?.pages.flatMap((p) => p.items) ?? [];
  const count = `${items.length} icon${items.length === 1 ? "" : "s"}`;

  return (
    <ModalOverlay
      isOpen={props.open}
      onOpenChange={(open) => !open && props.onClose()}
      isDismissable
      className="fixed inset-0 z-40 flex items-center justify-center bg-black/50 p-4"
    >
      <Modal className="max-h-[90dvh] w-full max-w-sm overflow-y-auto rounded-xl bg-white p-5 text-zinc-900 shadow-xl dark:bg-zinc-800 dark:text-zinc-50">
        <Dialog className="flex flex-col gap-4 outline-none">
          <Heading slot="title" className="text-lg font-semibold">
            Add {count} to a set
          </Heading>
          <Form
            className="flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              createAndAdd().catch(fail);
            }}
          >
            <TextField
              value={name}
              onChange={(v) => {
                setName(v);
                setError(null);
              }}
              isInvalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              className="flex flex-col gap-1"
            >
              <Label className={label}>New set name</Label>
              <Input autoFocus className={inputBase} placeholder="e.g. Sketch" />
            </TextField>
            {error && (
              <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-300">
                {error}
              </p>
            )}
            <Button type="submit" className={buttonPrimary} isDisabled={busy}>
              Create set and add
            </Button>
          </Form>
          {existing.length > 0 && (
            <section className="flex flex-col gap-1" aria-labelledby={`${errorId}-sets`}>
              <h3 id={`${errorId}-sets`} className={label}>
                Or add to an existing set
              </h3>
              <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto">
                {existing.map((set) => (
                  <li key={set.id}>
                    <Button
                      className={`flex w-full justify-between rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-700 ${focusRing}`}
                      isDisabled={busy}
                      onPress={() => void addTo(set).catch(fail)}
                    >
                      <span className="truncate">{set.name}</span>
                      <span className="text-xs text-zinc-600 dark:text-zinc-300">
                        {set.itemCount} item{set.itemCount === 1 ? "" : "s"}
                      </span>
                    </Button>
                  </li>
                ))}
              </ul>
              {sets.hasNextPage && (
                <Button className={buttonSecondary} onPress={() => void sets.fetchNextPage()}>
                  More sets
                </Button>
              )}
            </section>
          )}
          <div className="flex justify-end">
            <Button className={buttonSecondary} onPress={props.onClose}>
              Cancel
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
