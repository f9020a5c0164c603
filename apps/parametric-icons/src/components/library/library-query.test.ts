import { ICON_LIMITS, SET_LIMITS } from "@parametric-portal/contracts/limits";
import { TOOL_IDS } from "@parametric-portal/icon-kit/tool-catalog";
import { describe, expect, it } from "vitest";
import { iconListParams } from "../../state/icons";
import {
  activeFilterCount,
  checkIconName,
  checkSetName,
  chunks,
  iconDisplayName,
  libraryQuery,
  NO_FILTERS,
  selectedIds,
  TOOL_OPTIONS,
} from "./library-query";

describe("libraryQuery", () => {
  it("asks for kept icons only, newest first, with nothing else when nothing is set", () => {
    expect(libraryQuery("  ", NO_FILTERS)).toEqual({ view: "library", sort: "newest" });
    expect(iconListParams(libraryQuery("", NO_FILTERS), null).toString()).toBe(
      "limit=24&view=library&sort=newest",
    );
  });

  it("combines search, every filter, sort and the cursor in one request", () => {
    const query = libraryQuery(" arc ", { tool: "arc", toolType: "DRAWING", engine: "local", sort: "name" });
    expect(query).toEqual({
      view: "library",
      sort: "name",
      q: "arc",
      tool: "arc",
      toolType: "DRAWING",
      engine: "local",
    });
    expect(Object.fromEntries(iconListParams(query, "c1"))).toEqual({
      limit: "24",
      cursor: "c1",
      view: "library",
      sort: "name",
      q: "arc",
      tool: "arc",
      toolType: "DRAWING",
      engine: "local",
    });
  });

  it("never sends a search longer than the API accepts", () => {
    const long = "a".repeat(ICON_LIMITS.searchMaxLength + 5);
    expect(libraryQuery(long, NO_FILTERS).q).toHaveLength(ICON_LIMITS.searchMaxLength);
  });

  it("counts filters but not the sort", () => {
    expect(activeFilterCount({ ...NO_FILTERS, sort: "name" })).toBe(0);
    expect(activeFilterCount({ ...NO_FILTERS, tool: "arc", engine: "anthropic" })).toBe(2);
  });
});

describe("tool options", () => {
  it("offer every tool once, ordered by label", () => {
    expect(TOOL_OPTIONS.map((o) => o.id).sort()).toEqual([...TOOL_IDS].sort());
    const labels = TOOL_OPTIONS.map((o) => o.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
  });
});

describe("checkIconName", () => {
  it("accepts a trimmed name up to the limit, counting characters, not UTF-16 units", () => {
    expect(checkIconName("  Arc tool ")).toEqual({ ok: true, name: "Arc tool" });
    const max = "📐".repeat(ICON_LIMITS.nameMaxLength);
    expect(checkIconName(max)).toEqual({ ok: true, name: max });
  });

  it("says what is wrong with an empty, too long or control-character name", () => {
    const empty = checkIconName("   ");
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.message).toMatch(/Enter a name/);
    const long = checkIconName("x".repeat(ICON_LIMITS.nameMaxLength + 1));
    expect(!long.ok && long.message).toBe(
      `Names are at most ${ICON_LIMITS.nameMaxLength} characters; this one has ${ICON_LIMITS.nameMaxLength + 1}. Shorten it.`,
    );
    const control = checkIconName("arc\u0000");
    expect(!control.ok && control.message).toMatch(/control characters/);
    expect(checkIconName("two\tparts")).toEqual({ ok: true, name: "two\tparts" });
  });
});

describe("display name and selection", () => {
  it("shows the label, else the prompt", () => {
    expect(iconDisplayName({ name: "Arc", prompt: "arc through three points" })).toBe("Arc");
    expect(iconDisplayName({ name: null, prompt: "arc through three points" })).toBe(
      "arc through three points",
    );
  });

  it("keeps only loaded icons from a selection, in list order", () => {
    const icons = [{ id: "a" }, { id: "b" }, { id: "c" }];
    expect(selectedIds(new Set(["c", "gone", "a"]), icons)).toEqual(["a", "c"]);
    expect(selectedIds("all", icons)).toEqual(["a", "b", "c"]);
  });
});

describe("set names and request chunks", () => {
  it("checks a new set's name as the API does", () => {
    expect(checkSetName("  Sketch ")).toEqual({ ok: true, name: "Sketch" });
    expect(checkSetName(" ")).toEqual({ ok: false, message: "Enter a name for the new set." });
    const long = checkSetName("s".repeat(SET_LIMITS.nameMaxLength + 1));
    expect(!long.ok && long.message).toMatch(`at most ${SET_LIMITS.nameMaxLength} characters`);
  });

  it("splits ids into requests of at most bulkMaxIds, keeping order", () => {
    const ids = Array.from({ length: ICON_LIMITS.bulkMaxIds * 2 + 1 }, (_, i) => `id${i}`);
    const parts = chunks(ids);
    expect(parts.map((p) => p.length)).toEqual([ICON_LIMITS.bulkMaxIds, ICON_LIMITS.bulkMaxIds, 1]);
    expect(parts.flat()).toEqual(ids);
    expect(chunks([])).toEqual([]);
  });
});
