/** Drawn in the icon's own 32-unit space so grid lines land exactly on icon coordinates. */
const UNITS = Array.from({ length: 33 }, (_, i) => i);

export function GridOverlay() {
  return (
    <svg
      viewBox="0 0 32 32"
      className="pointer-events-none absolute inset-0 h-full w-full"
      aria-hidden="true"
      data-overlay="grid"
    >
      {UNITS.map((u) => (
        <g
          key={u}
          stroke="currentColor"
          strokeWidth={u % 4 === 0 ? 0.06 : 0.03}
          opacity={u % 4 === 0 ? 0.5 : 0.3}
        >
          <line x1={u} y1={0} x2={u} y2={32} />
          <line x1={0} y1={u} x2={32} y2={u} />
        </g>
      ))}
    </svg>
  );
}

export function SafeAreaOverlay() {
  return (
    <svg
      viewBox="0 0 32 32"
      className="pointer-events-none absolute inset-0 h-full w-full"
      aria-hidden="true"
      data-overlay="safe-area"
    >
      <rect
        x={4}
        y={4}
        width={24}
        height={24}
        fill="none"
        stroke="#f97316"
        strokeWidth={0.08}
        strokeDasharray="0.5 0.3"
      />
      <circle cx={16} cy={16} r={0.25} fill="#f97316" />
    </svg>
  );
}

/** CAD-style corner marks framing the stage. */
export function CornerMarks() {
  const mark = "absolute h-4 w-4 border-sky-500";
  return (
    <div aria-hidden="true" className="pointer-events-none absolute inset-1">
      <span className={`${mark} top-0 left-0 border-t-2 border-l-2`} />
      <span className={`${mark} top-0 right-0 border-t-2 border-r-2`} />
      <span className={`${mark} bottom-0 left-0 border-b-2 border-l-2`} />
      <span className={`${mark} right-0 bottom-0 border-r-2 border-b-2`} />
    </div>
  );
}
