import type { IconSummary } from "@parametric-portal/contracts/icons";
import { useId, useState } from "react";
import {
  Button,
  Checkbox,
  Form,
  GridListItem,
  Input,
  TextField,
  Tooltip,
  TooltipTrigger,
} from "react-aria-components";
import { endedSession, errorMessage } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useKeepIcon, useRenameIcon } from "../../state/icons";
import { useToast } from "../../state/toasts";
import { AttachGlyph, CheckGlyph, RenameGlyph, TrashGlyph, UnkeepGlyph } from "../glyphs";
import { IconButton } from "../icon-button";
import { IconThumbnail } from "../icon-thumbnail";
import { buttonGhost, buttonPrimary, buttonSecondary, focusRing, inputBase } from "../ui";
import { checkIconName, iconDisplayName } from "./library-query";

const tileButton = `${buttonGhost} !px-1.5 !py-1`;
// IconButton's tooltip look; the Rename button is a plain Button so focus can find it again by id.
const tooltip = "rounded bg-zinc-900 px-2 py-1 text-xs text-white shadow dark:bg-zinc-100 dark:text-zinc-900";

/**
 * One library icon in the grid: its 48 px preview beside the same icon at a toolbar's 24 px, the
 * name (label, else prompt) under them, and its own actions. In a grid-layout GridList, Tab walks
 * these controls and keys typed into them never reach the grid, so the rename field is safe inline.
 */
export function LibraryTile(props: TileProps) {
  return (
    <GridListItem
      id={props.icon.id}
      textValue={iconDisplayName(props.icon)}
      className={`relative flex flex-col gap-1.5 rounded-lg border border-zinc-200 p-2 selected:border-sky-600 selected:bg-sky-50 dark:border-zinc-700 dark:selected:border-sky-400 dark:selected:bg-sky-950 ${focusRing} cursor-default hover:bg-zinc-50 dark:hover:bg-zinc-800`}
    >
      <TileBody {...props} />
    </GridListItem>
  );
}

interface TileProps {
  icon: IconSummary;
  onAttach: (icon: IconSummary) => void;
  onDelete: (icon: IconSummary) => void;
}

// A rename's refetch can mount the tile's Rename button anew after focus went back to it, which
// drops focus to the page; the new button takes focus back if nothing else has it by then.
let refocusRename: { id: string; until: number } | null = null;
const takeRenameFocus = (id: string) => (el: HTMLButtonElement | null) => {
  const active = document.activeElement;
  if (!el || refocusRename?.id !== id || Date.now() > refocusRename.until) return;
  if (active === null || active === document.body) el.focus();
};

// The tile's state lives here, inside the item: RAC renders an item's children in the page, while
// the wrapper above also runs where the collection is built, where state and refs would not be ours.
function TileBody(props: TileProps) {
  const { icon } = props;
  const name = iconDisplayName(icon);
  const [renaming, setRenaming] = useState(false);
  const endRename = () => {
    setRenaming(false);
    refocusRename = { id: icon.id, until: Date.now() + 5_000 };
    // The field unmounts; hand focus back to the button that opened it. Found by id after the
    // render, because a refetched list may have rendered the tile's button anew.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-rename="${CSS.escape(icon.id)}"]`)?.focus(),
    );
  };
  const keep = useKeepIcon();
  const toast = useToast();
  const unkeep = () =>
    keep.mutate(
      { id: icon.id, kept: false },
      {
        onSuccess: () => toast.show("success", `Removed “${name}” from your library. It stays in History.`),
        onError: (e) => endedSession(e) || toast.show("error", errorMessage(e)),
      },
    );

  return (
    <>
      <div className="flex items-end justify-center gap-2 pt-1">
        <Checkbox slot="selection" className={`group absolute top-1.5 left-1.5 rounded ${focusRing}`}>
          <span className="flex h-4 w-4 items-center justify-center rounded border border-zinc-400 bg-white text-white group-selected:border-sky-700 group-selected:bg-sky-700 dark:border-zinc-500 dark:bg-zinc-900">
            <span className="hidden group-selected:block">
              <CheckGlyph />
            </span>
          </span>
        </Checkbox>
        <IconThumbnail icon={icon} size={48} />
        <IconThumbnail icon={icon} size={24} />
      </div>
      {renaming ? (
        <RenameField icon={icon} onDone={endRename} />
      ) : (
        <div className="min-w-0 text-center">
          <span className="block truncate text-sm font-medium" title={name}>
            {name}
          </span>
          <span className="block truncate text-xs text-zinc-600 dark:text-zinc-300">
            {formatDate(icon.createdAt)}
          </span>
        </div>
      )}
      <div className="flex justify-center gap-0.5">
        <TooltipTrigger delay={400} closeDelay={0}>
          <Button
            data-rename={icon.id}
            ref={takeRenameFocus(icon.id)}
            className={tileButton}
            aria-label={`Rename ${name}`}
            onPress={() => setRenaming(true)}
            isDisabled={renaming}
          >
            <RenameGlyph />
          </Button>
          <Tooltip offset={6} className={tooltip}>
            Rename
          </Tooltip>
        </TooltipTrigger>
        <IconButton
          className={tileButton}
          label={`Use ${name} as style reference`}
          tooltip="Use as style reference"
          onPress={() => props.onAttach(icon)}
        >
          <AttachGlyph />
        </IconButton>
        <IconButton
          className={tileButton}
          label={`Remove ${name} from library`}
          tooltip="Remove from library (stays in History)"
          onPress={unkeep}
        >
          <UnkeepGlyph />
        </IconButton>
        <IconButton
          className={tileButton}
          label={`Delete ${name}`}
          tooltip="Delete"
          onPress={() => props.onDelete(icon)}
        >
          <TrashGlyph />
        </IconButton>
      </div>
    </>
  );
}

/** The inline rename form: Enter saves, Escape cancels; an invalid name is explained, not sent. */
function RenameField({ icon, onDone }: { icon: IconSummary; onDone: () => void }) {
  const [text, setText] = useState(iconDisplayName(icon));
  const [error, setError] = useState<string | null>(null);
  const rename = useRenameIcon();
  const toast = useToast();
  const errorId = useId();
  const save = () => {
    const checked = checkIconName(text);
    if (!checked.ok) return setError(checked.message);
    if (checked.name === iconDisplayName(icon)) return onDone();
    rename.mutate(
      { id: icon.id, name: checked.name },
      {
        onSuccess: () => {
          toast.show("success", `Renamed to “${checked.name}”.`);
          onDone();
        },
        onError: (e) => endedSession(e) || setError(errorMessage(e)),
      },
    );
  };
  return (
    <Form
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <TextField
        value={text}
        onChange={(v) => {
          setText(v);
          setError(null);
        }}
        aria-label={`New name for ${iconDisplayName(icon)}`}
        isInvalid={error !== null}
        // Escape cancels here; the drawer's own Escape must not close it underneath.
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            onDone();
          }
        }}
        aria-describedby={error ? errorId : undefined}
      >
        <Input
          // The field replaces the name the user asked to edit, so it takes focus at once.
          autoFocus
          className={`${inputBase} !px-2 !py-1`}
        />
      </TextField>
      {error && (
        <p id={errorId} role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="flex justify-center gap-1">
        <Button
          type="submit"
          className={`${buttonPrimary} !px-2 !py-0.5 text-xs`}
          isDisabled={rename.isPending}
        >
          Save
        </Button>
        <Button className={`${buttonSecondary} !px-2 !py-0.5 text-xs`} onPress={onDone}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
