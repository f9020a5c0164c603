import type { IconSummary } from "@parametric-portal/contracts/icons";
import { ICON_LIMITS, SET_LIMITS } from "@parametric-portal/contracts/limits";
import { TOOL_IDS, TOOL_LABELS, type ToolId } from "@parametric-portal/icon-kit/tool-catalog";
import type { IconListQuery, IconSort } from "../../state/icons";

/**
 * The Library's search, filter and sort state as plain values, and what it asks the API for.
 * Kept free of React so it is tested on its own (library-query.test.ts).
 */

export type ToolType = IconSummary["toolType"];
export type IconEngine = IconSummary["engine"];

export interface LibraryFilters {
  readonly tool: ToolId | null;
  readonly toolType: ToolType | null;
  readonly engine: IconEngine | null;
  readonly sort: IconSort;
}

export const NO_FILTERS: LibraryFilters = { tool: null, toolType: null, engine: null, sort: "newest" };

export const SORT_LABELS: Readonly<Record<IconSort, string>> = {
  newest: "Newest first",
  oldest: "Oldest first",
  name: "Name, A to Z",
};

export const TOOL_TYPE_LABELS: Readonly<Record<ToolType, string>> = {
  DRAWING: "Drawing",
  MODIFICATION: "Modification",
  ANALYSIS: "Analysis",
};

export const ENGINE_LABELS: Readonly<Record<IconEngine, string>> = {
  local: "Local",
  anthropic: "Claude",
};

/** Every tool the filter offers, by label, so a long list reads alphabetically. */
export const TOOL_OPTIONS: readonly { readonly id: ToolId; readonly label: string }[] = TOOL_IDS.map(
  (id) => ({ id, label: TOOL_LABELS[id] }),
).sort((a, b) => a.label.localeCompare(b.label));

/** The list request for the Library: kept icons only, empty search and cleared filters left out. */
export const libraryQuery = (search: string, filters: LibraryFilters): IconListQuery => {
  const q = search.trim().slice(0, ICON_LIMITS.searchMaxLength);
  return {
    view: "library",
    sort: filters.sort,
    ...(q && { q }),
    ...(filters.tool && { tool: filters.tool }),
    ...(filters.toolType && { toolType: filters.toolType }),
    ...(filters.engine && { engine: filters.engine }),
  };
};

/** How many filters narrow the list (sort does not). */
export const activeFilterCount = (filters: LibraryFilters): number =>
  [filters.tool, filters.toolType, filters.engine].filter((v) => v !== null).length;

/** What a tile calls an icon: the user's label, else the prompt. */
export const iconDisplayName = (icon: Pick<IconSummary, "name" | "prompt">): string =>
  icon.name?.trim() || icon.prompt;

export type NameCheck =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly message: string };

// The API's plain-text rule (contracts' PLAIN_TEXT_PATTERN): no C0 controls but tab, LF and CR.
// Checked by code point here because the contracts module that holds the pattern pulls in TypeBox.
const isControl = (c: number) => c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;

/** Checks a new icon name as the API will (trimmed, 1 to nameMaxLength characters, plain text). */
export const checkIconName = (text: string): NameCheck => {
  const name = text.trim();
  const max = ICON_LIMITS.nameMaxLength;
  if (name === "") return { ok: false, message: "Enter a name, or press Escape to keep the current one." };
  const length = [...name].length;
  if (length > max)
    return { ok: false, message: `Names are at most ${max} characters; this one has ${length}. Shorten it.` };
  if ([...name].some((ch) => isControl(ch.codePointAt(0) ?? 0)))
    return { ok: false, message: "Names cannot contain control characters. Remove them and try again." };
  return { ok: true, name };
};

/** The ids of a grid selection among the loaded icons ("all" means every loaded one). */
export const selectedIds = (
  selection: "all" | ReadonlySet<string | number>,
  icons: readonly Pick<IconSummary, "id">[],
): string[] => icons.filter((i) => selection === "all" || selection.has(i.id)).map((i) => i.id);

/** A new set's name as the API checks it: trimmed, 1 to SET_LIMITS.nameMaxLength characters. */
export const checkSetName = (text: string): NameCheck => {
  const name = text.trim();
  if (!name) return { ok: false, message: "Enter a name for the new set." };
  const length = [...name].length;
  if (length > SET_LIMITS.nameMaxLength)
    return {
      ok: false,
      message: `Set names are at most ${SET_LIMITS.nameMaxLength} characters; this one has ${length}. Shorten it.`,
    };
  return { ok: true, name };
};

/** Splits ids into requests the API accepts (at most ICON_LIMITS.bulkMaxIds each). */
export const chunks = <T>(items: readonly T[], size: number = ICON_LIMITS.bulkMaxIds): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
