import type { ReactNode } from "react";

/** The library tiles' small action glyphs, drawn like glyphs.tsx's (16 px, current colour). */
const Glyph = ({ children }: { children: ReactNode }) => (
  <svg
    aria-hidden="true"
    width={16}
    height={16}
    viewBox="0 0 16 16"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.5}
    strokeLinecap="round"
    strokeLinejoin="round"
  >
    {children}
  </svg>
);

export const RenameGlyph = () => (
  <Glyph>
    <path d="M10.5 2.5l3 3L6 13H3v-3zM9 4l3 3" />
  </Glyph>
);

/** A bookmark struck through: take out of the library. */
export const UnkeepGlyph = () => (
  <Glyph>
    <path d="M4 2.5h8V14l-4-3-4 3zM2 2l12 12" />
  </Glyph>
);

/** A bookmark: keep in the library. */
export const KeepGlyph = ({ filled }: { filled: boolean }) => (
  <Glyph>
    <path d="M4 2.5h8V14l-4-3-4 3z" fill={filled ? "currentColor" : "none"} />
  </Glyph>
);

export const CheckGlyph = () => (
  <svg
    aria-hidden="true"
    width={12}
    height={12}
    viewBox="0 0 12 12"
    fill="none"
    stroke="currentColor"
    strokeWidth={2}
  >
    <path d="M2.5 6.5l2.5 2.5 4.5-6" />
  </svg>
);
