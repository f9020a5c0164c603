/**
 * Names for exported files, symbols and components, always from the icon's name (tool and the
 * user's label) — never from a refine instruction. Browser-safe.
 *
 * Public API:
 * - `fileStem(name)` — `arc-through-three-points`: lowercase ASCII, digits and dashes, ≤ 60 chars.
 * - `uniqueStems(names)` — stems in the same order, later duplicates suffixed `-2`, `-3`…
 * - `componentName(stem)` — `ArcThroughThreePoints`: a valid PascalCase identifier.
 * - `iconExportName(toolLabel, params?)` — `polar array 6` from a tool label and its count.
 */

const MAX_STEM = 60;

export function fileStem(name: string): string {
  const stem = name
    .normalize("NFKD")
    // Accents split off by NFKD are dropped, so "Ünïcode" reads "unicode", not "u-ni-code".
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_STEM)
    .replace(/-+$/, "");
  // An id, a file name and a component name must not start with a digit everywhere they are used.
  if (!stem) return "icon";
  return /^[0-9]/.test(stem) ? `icon-${stem}` : stem;
}

export function uniqueStems(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = fileStem(name);
    let stem = base;
    for (let n = 2; taken.has(stem); n++) stem = `${base}-${n}`;
    taken.add(stem);
    return stem;
  });
}

export function componentName(stem: string): string {
  const pascal = stem
    .split("-")
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("");
  return /^[A-Z]/.test(pascal) ? `${pascal}Icon` : `Icon${pascal}`;
}

const COUNT_KEYS = ["count", "sides", "divisions", "rows", "columns"];

/** `polar array 6`: the label, then the first count parameter when there is one (never a radius or an angle). */
export function iconExportName(toolLabel: string, params?: Readonly<Record<string, number>>): string {
  const count = COUNT_KEYS.map((key) => params?.[key]).find((v) => v !== undefined);
  return count === undefined ? toolLabel : `${toolLabel} ${count}`;
}
