import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { SET_LIMITS } from "@parametric-portal/contracts/limits";
import type { IconSet, IconSetItem } from "@parametric-portal/contracts/sets";
import { type FormEvent, useEffect, useState } from "react";
import { Button, Form, Heading, Input, Label, TextField } from "react-aria-components";
import { endedSession, errorMessage } from "../../lib/api-client";
import type { ExportTarget } from "../../state/export-actions";
import {
  moveItem,
  setExportIcons,
  useAddToSet,
  useCreateSet,
  useDeleteSet,
  useRemoveFromSet,
  useRenameSet,
  useReorderSet,
  useSet,
  useSets,
} from "../../state/sets";
import { useToast } from "../../state/toasts";
import { ConfirmDialog } from "../confirm-dialog";
import { ExportDialogHost } from "../export-menu";
import { TrashGlyph } from "../glyphs";
import { IconButton } from "../icon-button";
import { SvgImage } from "../svg-image";
import { buttonGhost, buttonPrimary, buttonSecondary, focusRing, inputBase, label } from "../ui";

/** The real toolbar size: a set is judged at the size it will be used at. */
const STRIP_PX = 24;

const itemName = (item: IconSetItem) => item.name ?? item.prompt;
const countText = (n: number) => `${n} icon${n === 1 ? "" : "s"}`;

/** The user's sets: create, rename, delete; open one to see, order, fill and export it. */
export function SetsPanel(props: { shown: Icon | null; variantIndex: number }) {
  const [openId, setOpenId] = useState<string | null>(null);
  return openId ? (
    <SetView
      id={openId}
      shown={props.shown}
      variantIndex={props.variantIndex}
      onBack={() => setOpenId(null)}
    />
  ) : (
    <SetList onOpen={setOpenId} />
  );
}

function NameForm(props: {
  readonly label: string;
  readonly submitLabel: string;
  readonly initial?: string;
  readonly busy: boolean;
  readonly onSubmit: (name: string) => void;
  readonly onCancel?: () => void;
}) {
  const [name, setName] = useState(props.initial ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed) props.onSubmit(trimmed);
  };
  return (
    <Form onSubmit={submit} className="flex items-end gap-2">
      <TextField
        value={name}
        onChange={setName}
        isRequired
        maxLength={SET_LIMITS.nameMaxLength}
        className="flex min-w-0 flex-1 flex-col gap-1"
        // Opened on purpose by a Rename press: typing goes straight into the name.
        autoFocus={props.initial !== undefined}
      >
        <Label className={label}>{props.label}</Label>
        <Input className={inputBase} placeholder="e.g. Sketch tools" />
      </TextField>
      <Button type="submit" className={buttonPrimary} isDisabled={props.busy || !name.trim()}>
        {props.submitLabel}
      </Button>
      {props.onCancel && (
        <Button className={buttonGhost} onPress={props.onCancel}>
          Cancel
        </Button>
      )}
    </Form>
  );
}

function SetList({ onOpen }: { onOpen: (id: string) => void }) {
  const toast = useToast();
  const sets = useSets();
  const create = useCreateSet();
  const rename = useRenameSet();
  const remove = useDeleteSet();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [pending, setPending] = useState<IconSet | null>(null);
  const [formKey, setFormKey] = useState(0);
  const fail = (e: unknown) => endedSession(e) || toast.show("error", errorMessage(e));
  const all = sets.data?.pages.flatMap((p) => p.items) ?? [];

  const confirmDelete = () => {
    const set = pending;
    setPending(null);
    if (!set) return;
    remove.mutate(set.id, {
      onSuccess: () => toast.show("success", `Deleted set “${set.name}”. Its icons stay in your library.`),
      onError: fail,
    });
  };

  return (
    <div className="flex flex-col gap-3">
      <NameForm
        key={formKey}
        label="New set"
        submitLabel="Create set"
        busy={create.isPending}
        onSubmit={(name) =>
          create.mutate(name, {
            onSuccess: (set) => {
              setFormKey((k) => k + 1);
              toast.show("success", `Created set “${set.name}”.`);
              onOpen(set.id);
            },
            onError: fail,
          })
        }
      />
      {sets.isPending && <p className="text-sm">Loading your sets…</p>}
      {sets.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorMessage(sets.error)}{" "}
          <Button className="underline" onPress={() => sets.refetch()}>
            Retry
          </Button>
        </p>
      )}
      {sets.isSuccess && all.length === 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          No sets yet. Name one above, then add icons to it from the stage.
        </p>
      )}
      <ul aria-label="Your sets" className="flex flex-col gap-1">
        {all.map((set) =>
          renaming === set.id ? (
            <li key={set.id} className="rounded-md p-1.5">
              <NameForm
                label={`New name for ${set.name}`}
                submitLabel="Save"
                initial={set.name}
                busy={rename.isPending}
                onCancel={() => setRenaming(null)}
                onSubmit={(name) =>
                  rename.mutate(
                    { id: set.id, name },
                    {
                      onSuccess: () => {
                        setRenaming(null);
                        toast.show("success", `Renamed the set to “${name}”.`);
                      },
                      onError: fail,
                    },
                  )
                }
              />
            </li>
          ) : (
            <li
              key={set.id}
              className="flex items-center gap-1 rounded-md hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <Button
                onPress={() => onOpen(set.id)}
                className={`flex min-w-0 flex-1 flex-col rounded-md p-1.5 text-left ${focusRing}`}
              >
                <span className="block truncate text-sm font-medium">{set.name}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-300">
                  {countText(set.itemCount)}
                </span>
              </Button>
              <Button
                className={buttonGhost}
                onPress={() => setRenaming(set.id)}
                aria-label={`Rename set ${set.name}`}
              >
                Rename
              </Button>
              <IconButton
                className={buttonGhost}
                label={`Delete set ${set.name}`}
                tooltip="Delete set"
                onPress={() => setPending(set)}
              >
                <TrashGlyph />
              </IconButton>
            </li>
          ),
        )}
      </ul>
      {sets.hasNextPage && (
        <Button
          className={buttonSecondary}
          onPress={() => void sets.fetchNextPage()}
          isDisabled={sets.isFetchingNextPage}
        >
          {sets.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
      <ConfirmDialog
        open={pending !== null}
        title="Delete this set?"
        body={`The set “${pending?.name ?? ""}” will be deleted. Its icons stay in your library.`}
        confirmLabel="Delete set"
        onConfirm={confirmDelete}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}

type Move = { readonly itemId: string; readonly dir: "earlier" | "later" };

function SetView(props: { id: string; shown: Icon | null; variantIndex: number; onBack: () => void }) {
  const toast = useToast();
  const query = useSet(props.id);
  const add = useAddToSet();
  const removeItem = useRemoveFromSet();
  const reorder = useReorderSet();
  const rename = useRenameSet();
  const [renaming, setRenaming] = useState(false);
  const [exporting, setExporting] = useState<ExportTarget | null>(null);
  const [lastMove, setLastMove] = useState<Move | null>(null);
  const fail = (e: unknown) => endedSession(e) || toast.show("error", errorMessage(e));
  const items = query.data?.items ?? [];
  const set = query.data?.set;

  // A move to either end disables the button just pressed; keep the keyboard user on the item.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the new order is drawn, which is when the button turns disabled.
  useEffect(() => {
    if (!lastMove) return;
    const at = (dir: Move["dir"]) =>
      document.querySelector<HTMLButtonElement>(`[data-move="${lastMove.itemId}:${dir}"]`);
    const pressed = at(lastMove.dir);
    const focusLost = document.activeElement === pressed || document.activeElement === document.body;
    if (pressed?.disabled && focusLost) at(lastMove.dir === "earlier" ? "later" : "earlier")?.focus();
  }, [lastMove, items]);

  if (query.isPending) return <p className="text-sm">Loading the set…</p>;
  if (query.isError || !set)
    return (
      <div className="flex flex-col gap-2">
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorMessage(query.error)}
        </p>
        <Button className={buttonSecondary} onPress={props.onBack}>
          Back to all sets
        </Button>
      </div>
    );

  const move = (index: number, dir: Move["dir"]) => {
    const ids = items.map((i) => i.id);
    const next = moveItem(ids, index, dir === "earlier" ? -1 : 1);
    const item = items[index];
    if (next === ids || !item) return;
    setLastMove({ itemId: item.id, dir });
    reorder.mutate({ id: set.id, itemIds: next }, { onError: fail });
  };

  const shownVariant = props.shown?.variants[props.variantIndex];
  const addShown = () => {
    const icon = props.shown;
    if (!icon || !shownVariant) return;
    add.mutate(
      { id: set.id, items: [{ iconId: icon.id, variantIndex: shownVariant.index }] },
      {
        onSuccess: () =>
          toast.show(
            "success",
            `Added “${icon.name ?? icon.prompt}” (variant ${props.variantIndex + 1}) to ${set.name}.`,
          ),
        onError: fail,
      },
    );
  };

  return (
    <div className="flex flex-col gap-3">
      <Button className={`${buttonGhost} self-start`} onPress={props.onBack}>
        ‹ All sets
      </Button>
      {renaming ? (
        <NameForm
          label="Set name"
          submitLabel="Save"
          initial={set.name}
          busy={rename.isPending}
          onCancel={() => setRenaming(false)}
          onSubmit={(name) =>
            rename.mutate(
              { id: set.id, name },
              {
                onSuccess: () => {
                  setRenaming(false);
                  toast.show("success", `Renamed the set to “${name}”.`);
                },
                onError: fail,
              },
            )
          }
        />
      ) : (
        <div className="flex items-center justify-between gap-2">
          <Heading level={3} className="min-w-0 truncate font-semibold">
            {set.name}
          </Heading>
          <Button
            className={buttonGhost}
            onPress={() => setRenaming(true)}
            aria-label={`Rename set ${set.name}`}
          >
            Rename
          </Button>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button className={buttonSecondary} onPress={addShown} isDisabled={!shownVariant || add.isPending}>
          Add shown icon
        </Button>
        <Button
          className={buttonSecondary}
          aria-haspopup="dialog"
          isDisabled={items.length === 0}
          onPress={() =>
            setExporting({
              heading: `Export set “${set.name}”`,
              count: items.length,
              load: () => setExportIcons(items),
            })
          }
        >
          Export set…
        </Button>
      </div>
      {!shownVariant && (
        <p className="text-xs text-zinc-600 dark:text-zinc-300">
          Open or generate an icon to add the variant shown on the stage.
        </p>
      )}
      {items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          This set is empty. Show an icon on the stage and press “Add shown icon”.
        </p>
      ) : (
        <>
          {/* Both strips at the real toolbar size, to judge the set's consistency on either theme. */}
          <div className="overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-600">
            <ul
              aria-label={`${set.name} at ${STRIP_PX} px on light`}
              className="flex flex-wrap gap-2 bg-white p-2"
            >
              {items.map((item) => (
                <li key={item.id}>
                  <SvgImage svg={item.svg} alt={itemName(item)} className="h-6 w-6" />
                </li>
              ))}
            </ul>
            <ul
              aria-label={`${set.name} at ${STRIP_PX} px on dark`}
              className="flex flex-wrap gap-2 bg-zinc-900 p-2"
            >
              {items.map((item) => (
                <li key={item.id}>
                  <SvgImage svg={item.svg} alt={itemName(item)} className="h-6 w-6" />
                </li>
              ))}
            </ul>
          </div>
          <ol aria-label={`Icons in ${set.name}`} className="flex flex-col gap-1" data-testid="set-items">
            {items.map((item, index) => (
              <li
                key={item.id}
                className="flex items-center gap-1 rounded-md p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                <span className="min-w-0 flex-1 truncate text-sm" data-testid="set-item-name">
                  {itemName(item)}
                </span>
                <Button
                  className={buttonGhost}
                  aria-label={`Move ${itemName(item)} earlier`}
                  data-move={`${item.id}:earlier`}
                  isDisabled={index === 0}
                  onPress={() => move(index, "earlier")}
                >
                  <span aria-hidden="true">↑</span>
                </Button>
                <Button
                  className={buttonGhost}
                  aria-label={`Move ${itemName(item)} later`}
                  data-move={`${item.id}:later`}
                  isDisabled={index === items.length - 1}
                  onPress={() => move(index, "later")}
                >
                  <span aria-hidden="true">↓</span>
                </Button>
                <IconButton
                  className={buttonGhost}
                  label={`Remove ${itemName(item)} from the set`}
                  tooltip="Remove from set"
                  onPress={() =>
                    removeItem.mutate(
                      { id: set.id, itemId: item.id },
                      {
                        onSuccess: () =>
                          toast.show("success", `Removed “${itemName(item)}” from ${set.name}.`),
                        onError: fail,
                      },
                    )
                  }
                >
                  <TrashGlyph />
                </IconButton>
              </li>
            ))}
          </ol>
        </>
      )}
      <ExportDialogHost target={exporting} onClose={() => setExporting(null)} />
    </div>
  );
}
