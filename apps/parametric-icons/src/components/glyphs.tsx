import { CANVAS, GRIP, LAYER_STYLES } from "@parametric-portal/icon-kit/design-system";
import type { IconSpec, Shape } from "@parametric-portal/icon-kit/icon-spec";
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

/**
 * A rail icon drawn like the product's icons: icon-kit's canvas, layers and path writer, from
 * the fixed specs below (our own geometry, never user data). Strokes take the text colour, so
 * the icon follows the tab's selected and hover colours, and are half again as heavy as a 32 px
 * icon's because the rail shows the safe area at 24 px.
 */
const RAIL_WEIGHT = 1.5;
const SAFE = CANVAS.safeMax - CANVAS.safeMin;

// Only the shapes the rail uses: icon-spec's own SVG writer would move it (and the rest of the
// engine's shared code) out of the lazy engine chunk into the first download.
type Point = IconSpec["grips"][number];
type RailShape =
  | Extract<Shape, { kind: "line" | "rect" | "circle" }>
  | { readonly kind: "polyline"; readonly pts: readonly Point[] };
/** icon-kit's IconSpec, read-only and limited to the rail's shapes. */
interface RailSpec {
  readonly title: string;
  readonly guide?: readonly RailShape[];
  readonly primary?: readonly RailShape[];
  readonly grips: readonly Point[];
}

const shapeElement = (s: RailShape, key: number): ReactNode => {
  switch (s.kind) {
    case "line":
      return <line key={key} x1={s.a.x} y1={s.a.y} x2={s.b.x} y2={s.b.y} />;
    case "polyline":
      return <polyline key={key} points={s.pts.map((p) => `${p.x},${p.y}`).join(" ")} />;
    case "rect":
      return (
        <rect
          key={key}
          x={Math.min(s.a.x, s.b.x)}
          y={Math.min(s.a.y, s.b.y)}
          width={Math.abs(s.b.x - s.a.x)}
          height={Math.abs(s.b.y - s.a.y)}
        />
      );
    case "circle":
      return <circle key={key} cx={s.c.x} cy={s.c.y} r={s.r} />;
  }
};

export function SpecGlyph({ spec }: { readonly spec: RailSpec }) {
  const weight = (layer: keyof typeof LAYER_STYLES) => LAYER_STYLES[layer].strokeWidth * RAIL_WEIGHT;
  return (
    <svg
      aria-hidden="true"
      width={24}
      height={24}
      viewBox={`${CANVAS.safeMin} ${CANVAS.safeMin} ${SAFE} ${SAFE}`}
      fill="none"
      stroke="currentColor"
    >
      {spec.guide && (
        <g
          strokeWidth={weight("Guide")}
          strokeDasharray={LAYER_STYLES.Guide.dashArray?.join(" ")}
          opacity={0.8}
        >
          {spec.guide.map(shapeElement)}
        </g>
      )}
      {spec.primary && (
        <g strokeWidth={weight("Primary")} strokeLinecap="round" strokeLinejoin="round">
          {spec.primary.map(shapeElement)}
        </g>
      )}
      <g fill="currentColor" strokeWidth={weight("Grips")}>
        {spec.grips.map((g) => (
          <rect
            key={`${g.x},${g.y}`}
            x={g.x - GRIP.half}
            y={g.y - GRIP.half}
            width={GRIP.size}
            height={GRIP.size}
          />
        ))}
      </g>
    </svg>
  );
}

const p = (x: number, y: number) => ({ x, y });

/** The drawer tabs' icons, in canvas units (32 × 32, safe area 4–28). */
export const RAIL_SPECS = {
  // A clock: a circle, its hands, the pivot as the grip.
  history: {
    title: "History",
    guide: [{ kind: "line", a: p(16, 6), b: p(16, 9) }],
    primary: [
      { kind: "circle", c: p(16, 16), r: 10 },
      { kind: "polyline", pts: [p(16, 11), p(16, 16), p(20, 19)] },
    ],
    grips: [p(16, 16)],
  },
  // A lens over a point: what the inspector measures.
  inspector: {
    title: "Inspector",
    guide: [{ kind: "line", a: p(8, 14), b: p(20, 14) }],
    primary: [
      { kind: "circle", c: p(14, 14), r: 7 },
      { kind: "line", a: p(19, 19), b: p(26, 26) },
    ],
    grips: [p(14, 14)],
  },
  // Four tiles: the saved icons.
  library: {
    title: "Library",
    primary: [
      { kind: "rect", a: p(6, 6), b: p(14, 14) },
      { kind: "rect", a: p(18, 6), b: p(26, 14) },
      { kind: "rect", a: p(6, 18), b: p(14, 26) },
      { kind: "rect", a: p(18, 18), b: p(26, 26) },
    ],
    grips: [],
  },
  // Log lines, each with its grip: the session's messages.
  session: {
    title: "Session",
    primary: [
      { kind: "line", a: p(12, 9), b: p(26, 9) },
      { kind: "line", a: p(12, 16), b: p(26, 16) },
      { kind: "line", a: p(12, 23), b: p(22, 23) },
    ],
    grips: [p(7, 9), p(7, 16), p(7, 23)],
  },
  // A row of three icons on a strip, each with its grip: a set, seen at one size.
  sets: {
    title: "Sets",
    guide: [{ kind: "line", a: p(5, 22), b: p(27, 22) }],
    primary: [
      { kind: "rect", a: p(5, 10), b: p(11, 18) },
      { kind: "rect", a: p(13, 10), b: p(19, 18) },
      { kind: "rect", a: p(21, 10), b: p(27, 18) },
    ],
    grips: [p(8, 26), p(16, 26), p(24, 26)],
  },
} as const satisfies Record<string, RailSpec>;
