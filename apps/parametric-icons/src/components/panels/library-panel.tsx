import type { IconSummary } from "@parametric-portal/contracts/icons";
import { ICON_LIMITS } from "@parametric-portal/contracts/limits";
import type { ToolId } from "@parametric-portal/icon-kit/tool-catalog";
import { useEffect, useRef, useState } from "react";
import { Button, GridList, Input, Label, SearchField, type Selection, Toolbar } from "react-aria-components";
import { endedSession, errorMessage } from "../../lib/api-client";
import { useBulkDeleteIcons, useIconList } from "../../state/icons";
import { useToast } from "../../state/toasts";
import { ConfirmDialog } from "../confirm-dialog";
import { AddToSetDialog } from "../library/add-to-set-dialog";
import { FilterSelect } from "../library/filter-select";
import {
  activeFilterCount,
  chunks,
  ENGINE_LABELS,
  type IconEngine,
  iconDisplayName,
  type LibraryFilters,
  libraryQuery,
  NO_FILTERS,
  SORT_LABELS,
  selectedIds,
  TOOL_OPTIONS,
  TOOL_TYPE_LABELS,
  type ToolType,
} from "../library/library-query";
import { LibraryTile } from "../library/library-tile";
import { buttonDanger, buttonSecondary, inputBase, label } from "../ui";

const options = <T extends string>(labels: Readonly<Record<T, string>>) =>
  (Object.keys(labels) as T[]).map((id) => ({ id, label: labels[id] }));
const TYPE_OPTIONS = options<ToolType>(TOOL_TYPE_LABELS);
const ENGINE_OPTIONS = options<IconEngine>(ENGINE_LABELS);
const SORT_OPTIONS = options(SORT_LABELS);

/**
 * The icons the user kept, as a grid: search, filter by tool, type and engine, sort, rename,
 * multi-select (delete, add to a set), remove from the library, and infinite scroll.
 */
export function LibraryPanel(props: {
  onOpen: (icon: IconSummary) => void;
  onAttach: (icon: IconSummary) => void;
  onDeleted: (id: string) => void;
}) {
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const [selection, setSelection] = useState<Selection>(new Set());
  // What the confirmation dialog would delete: one tile's icon, or the selection.
  const [pendingDelete, setPendingDelete] = useState<readonly IconSummary[] | null>(null);
  const [addingToSet, setAddingToSet] = useState(false);
  const toast = useToast();
  const remove = useBulkDeleteIcons();
  const library = useIconList(libraryQuery(search, filters));
  const sentinel = useRef<HTMLDivElement>(null);

  // Debounced so typing does not send a request per key.
  useEffect(() => {
    const t = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);

  // Infinite scroll; the "Load more" button remains for keyboard and screen-reader users.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = library;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const icons = library.data?.pages.flatMap((p) => p.items) ?? [];
  const chosen = selectedIds(selection, icons);
  const chosenIcons = icons.filter((i) => chosen.includes(i.id));
  const setFilter = (patch: Partial<LibraryFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setSelection(new Set());
  };

  const confirmDelete = () => {
    const doomed = pendingDelete ?? [];
    setPendingDelete(null);
    if (doomed.length === 0) return;
    const run = async () => {
      const deleted: string[] = [];
      for (const part of chunks(doomed.map((i) => i.id))) deleted.push(...(await remove.mutateAsync(part)));
      return deleted;
    };
    run().then(
      (deleted) => {
        for (const id of deleted) props.onDeleted(id);
        setSelection(new Set());
        const only = doomed.length === 1 ? doomed[0] : undefined;
        toast.show(
          "success",
          only ? `Deleted “${iconDisplayName(only)}”.` : `Deleted ${deleted.length} icons.`,
        );
      },
      (e) => endedSession(e) || toast.show("error", errorMessage(e)),
    );
  };

  const filtered = search !== "" || activeFilterCount(filters) > 0;
  const pendingOne = pendingDelete?.length === 1 ? pendingDelete[0] : undefined;

  return (
    <div className="flex flex-col gap-3">
      <SearchField value={text} onChange={setText} className="flex flex-col gap-1">
        <Label className={label}>Search your icons</Label>
        <Input
          className={inputBase}
          placeholder="Prompt or name, e.g. arc"
          maxLength={ICON_LIMITS.searchMaxLength}
        />
      </SearchField>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <FilterSelect<ToolId>
          label="Tool"
          value={filters.tool}
          options={TOOL_OPTIONS}
          onChange={(tool) => setFilter({ tool })}
        />
        <FilterSelect<ToolType>
          label="Type"
          value={filters.toolType}
          options={TYPE_OPTIONS}
          onChange={(toolType) => setFilter({ toolType })}
        />
        <FilterSelect<IconEngine>
          label="Engine"
          value={filters.engine}
          options={ENGINE_OPTIONS}
          onChange={(engine) => setFilter({ engine })}
        />
        <FilterSelect
          label="Sort"
          required
          value={filters.sort}
          options={SORT_OPTIONS}
          onChange={(sort) => sort && setFilter({ sort })}
        />
      </div>
      {chosen.length > 0 && (
        <Toolbar
          aria-label="Selected icons"
          className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-md border border-sky-300 bg-sky-50 p-2 dark:border-sky-800 dark:bg-sky-950"
        >
          <span className="text-sm font-medium" role="status">
            {chosen.length} selected
          </span>
          <Button className={buttonSecondary} onPress={() => setAddingToSet(true)}>
            Add to set
          </Button>
          <Button className={buttonDanger} onPress={() => setPendingDelete(chosenIcons)}>
            Delete
          </Button>
          <Button className={buttonSecondary} onPress={() => setSelection(new Set())}>
            Clear selection
          </Button>
        </Toolbar>
      )}
      {library.isPending && <p className="text-sm">Loading your library…</p>}
      {library.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorMessage(library.error)}{" "}
          <Button className="underline" onPress={() => library.refetch()}>
            Retry
          </Button>
        </p>
      )}
      {library.isSuccess && icons.length === 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          {filtered
            ? `No kept icons match ${[search && `“${search}”`, activeFilterCount(filters) > 0 && "these filters"].filter(Boolean).join(" and ")}. Clear the search or set the filters to Any.`
            : "Your library is empty. Every icon you generate is in History; press Keep on one there to add it to your library."}
        </p>
      )}
      {icons.length > 0 && (
        <GridList
          aria-label="Library icons"
          data-testid="library-list"
          layout="grid"
          selectionMode="multiple"
          selectedKeys={selection}
          onSelectionChange={setSelection}
          onAction={(key) => {
            const icon = icons.find((i) => i.id === key);
            if (icon) props.onOpen(icon);
          }}
          items={icons}
          className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-2"
        >
          {(icon) => (
            <LibraryTile icon={icon} onAttach={props.onAttach} onDelete={(one) => setPendingDelete([one])} />
          )}
        </GridList>
      )}
      <div ref={sentinel} />
      {library.hasNextPage && (
        <Button
          className={buttonSecondary}
          onPress={() => void library.fetchNextPage()}
          isDisabled={library.isFetchingNextPage}
        >
          {library.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
      <ConfirmDialog
        open={pendingDelete !== null}
        title={pendingOne ? "Delete this icon?" : `Delete ${pendingDelete?.length ?? 0} icons?`}
        body={`${
          pendingOne
            ? `“${iconDisplayName(pendingOne)}” and all its variants`
            : "These icons and all their variants"
        } will be removed from your history, library and sets. This cannot be undone.`}
        confirmLabel="Delete"
        onConfirm={confirmDelete}
        onCancel={() => setPendingDelete(null)}
      />
      <AddToSetDialog
        iconIds={chosen}
        open={addingToSet}
        onClose={() => setAddingToSet(false)}
        onAdded={(set, count) => {
          setSelection(new Set());
          toast.show("success", `Added ${count} icon${count === 1 ? "" : "s"} to “${set.name}”.`);
        }}
      />
    </div>
  );
}
