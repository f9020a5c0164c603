/**
 * Deterministic parameter source for one icon variant. Browser-safe.
 *
 * Public API:
 * - `hashString(text)` — 32-bit FNV-1a hash, the seed of a prompt.
 * - `makeParams(seed, canonical)` — `pick(lo, hi, canonical)` returns `canonical` for the
 *   canonical variant (variant 0, the textbook drawing) and otherwise a seeded value in
 *   [lo, hi] snapped to half units, so icons keep clean coordinates.
 */

export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: tiny, fast, and good enough to spread icon parameters. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Params {
  readonly canonical: boolean;
  /** A value in [lo, hi] on the half-unit grid, or `canonical` for the canonical variant. */
  pick(lo: number, hi: number, canonical: number): number;
  /** An integer in [lo, hi], or `canonical` for the canonical variant. */
  int(lo: number, hi: number, canonical: number): number;
}

export function makeParams(seed: number, canonical: boolean): Params {
  const next = mulberry32(seed);
  return {
    canonical,
    pick(lo, hi, canon) {
      const r = next();
      return canonical ? canon : Math.round((lo + r * (hi - lo)) * 2) / 2;
    },
    int(lo, hi, canon) {
      const r = next();
      return canonical ? canon : lo + Math.floor(r * (hi - lo + 1));
    },
  };
}

/**
 * Interim bridge for builders still drawn from seeded values: construction 0 is the canonical
 * drawing, 1 and 2 fixed seeded alternatives.
 */
export function seededBuilders<K extends string>(
  builders: Readonly<Record<K, (v: Params) => import("./icon-spec").IconSpec>>,
): Record<K, (knob: (key: string) => number, construction: number) => import("./icon-spec").IconSpec> {
  const out = {} as Record<
    K,
    (knob: (key: string) => number, construction: number) => import("./icon-spec").IconSpec
  >;
  for (const key of Object.keys(builders) as K[]) {
    out[key] = (_knob, construction) =>
      builders[key](makeParams(hashString(key) + construction * 7919, construction === 0));
  }
  return out;
}
