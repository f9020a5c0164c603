import type { ReactNode } from "react";

/** Small trusted UI glyphs drawn inline (not emoji, which many systems lack fonts for). */
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

export const TrashGlyph = () => (
  <Glyph>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v5M9.5 6.5v5" />
  </Glyph>
);

export const AttachGlyph = () => (
  <Glyph>
    <path d="M8 5v6M5 8h6" />
    <rect x="1.5" y="1.5" width="13" height="13" rx="2" />
  </Glyph>
);
