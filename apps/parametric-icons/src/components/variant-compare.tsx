import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { useEffect, useRef } from "react";
import { Label, Radio, RadioGroup, Text } from "react-aria-components";
import { SvgImage } from "./svg-image";
import { label } from "./ui";

/** The sizes icons are used at in real toolbars, in CSS px. */
export const TOOLBAR_SIZES = [16, 24, 32] as const;

// Literal class names, so Tailwind finds them: each is exactly its size in CSS px (1 rem = 16 px).
const SIZE_CLASS: Record<(typeof TOOLBAR_SIZES)[number], string> = {
  16: "h-4 w-4",
  24: "h-6 w-6",
  32: "h-8 w-8",
};

const checkedRadio = (group: HTMLElement | null) =>
  group?.querySelector<HTMLInputElement>("input[type=radio]:checked");

/** The radio's accessible name: position, and whether the design rules found something. */
export const variantLabel = (index: number, count: number, passed: boolean): string =>
  `Variant ${index + 1} of ${count}${passed ? "" : ", has rule findings"}`;

/**
 * Every variant of the open icon side by side, each large and at the toolbar sizes on a light and
 * a dark strip, as one radio group: picking one (click, arrow keys) makes it the shown variant,
 * the one exported, refined and kept. Images are decorative here (empty alt): the radio's name
 * says which variant it is, and the stage shows the chosen one with its full description.
 */
export function VariantCompare(props: {
  readonly icon: Icon;
  readonly index: number;
  readonly onPick: (index: number) => void;
  /** Take keyboard focus (after a generation), then call `onRevealed`. */
  readonly reveal: boolean;
  readonly onRevealed: () => void;
}) {
  const { icon, index, reveal, onRevealed } = props;
  const group = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!reveal) return;
    // Only from where the generation was started (or from nowhere, when the Cancel button vanished):
    // someone who meanwhile moved into the drawer or a dialog keeps their place.
    const active = document.activeElement;
    if (!active || active === document.body || active.closest("main")) checkedRadio(group.current)?.focus();
    onRevealed();
  }, [reveal, onRevealed]);

  // `[` and `]` change the shown variant from anywhere; when focus is in the group it follows the
  // checked radio, so the arrow keys continue from the shown variant.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the shown variant changes.
  useEffect(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLInputElement && group.current?.contains(focused) && !focused.checked)
      checkedRadio(group.current)?.focus();
  }, [index]);

  const dark = icon.colorMode === "dark";
  const count = icon.variants.length;
  return (
    <RadioGroup
      ref={group}
      value={String(index)}
      onChange={(value) => props.onPick(Number(value))}
      orientation="horizontal"
      // A size container: the cards lay out by the room the row has, which an open drawer narrows.
      className="@container flex w-full max-w-3xl flex-col gap-1"
      data-testid="variant-compare"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <Label className={label}>Compare variants</Label>
        <Text slot="description" className="text-xs text-zinc-600 dark:text-zinc-400">
          At 16, 24 and 32 px on light and dark toolbars · arrow keys pick
        </Text>
      </div>
      {/* Three fit side by side on a phone; more scroll sideways, each snapping into place. */}
      <div className="grid snap-x snap-mandatory auto-cols-[calc((100%-1rem)/3)] grid-flow-col gap-2 overflow-x-auto pb-1">
        {icon.variants.map((v, i) => (
          <Radio
            key={v.index}
            value={String(i)}
            aria-label={variantLabel(i, count, v.passed)}
            data-variant={i + 1}
            className={({ isSelected, isFocusVisible }) =>
              `flex snap-start cursor-pointer flex-col gap-1.5 rounded-lg border-2 p-1.5 sm:p-2 ${
                isSelected
                  ? "border-sky-600 bg-sky-50 dark:border-sky-400 dark:bg-sky-950/40"
                  : "border-zinc-300 bg-white hover:border-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:border-zinc-500"
              } ${isFocusVisible ? "outline-2 outline-offset-2 outline-sky-500" : "outline-none"}`
            }
          >
            {({ isSelected }) => (
              <>
                <span className="flex min-h-6 items-center justify-between gap-1 text-xs" aria-hidden="true">
                  {/* A narrow card (a phone, or beside a drawer) has room for the number beside the
                      badge, not the word. */}
                  <span className="font-medium tabular-nums">
                    <span className="@max-3xl:hidden">Variant </span>
                    {i + 1}
                  </span>
                  {/* Marked by a tick and a word as well as the colour of the border. */}
                  {isSelected ? (
                    <span className="whitespace-nowrap rounded bg-sky-700 px-1.5 py-0.5 font-semibold text-white">
                      ✓ Shown
                    </span>
                  ) : (
                    !v.passed && (
                      <span className="rounded border border-amber-600 px-1 text-amber-800 dark:text-amber-300">
                        ⚠ rules
                      </span>
                    )
                  )}
                </span>
                {/* Side by side only when the whole row is 48rem wide: beside an open drawer a card
                    is too narrow for both, and the row would overflow the stage. Phones show the
                    large drawing once, on the stage right below: a large copy per card would push
                    the stage under the fold. */}
                <span className="flex flex-col gap-1.5 @3xl:flex-row @3xl:items-center">
                  <span
                    className={`block aspect-square w-full rounded border max-sm:hidden @3xl:w-28 @3xl:shrink-0 ${
                      dark ? "border-zinc-700 bg-zinc-900" : "border-zinc-300 bg-white"
                    }`}
                  >
                    <SvgImage svg={v.svg} alt="" className="h-full w-full" />
                  </span>
                  <span className="flex flex-col gap-1">
                    <ToolbarStrip svg={v.svg} tone="light" />
                    <ToolbarStrip svg={v.svg} tone="dark" />
                  </span>
                </span>
              </>
            )}
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}

/** The variant as it sits in a toolbar: at each toolbar size, exactly that many CSS px, not scaled. */
function ToolbarStrip({ svg, tone }: { readonly svg: string; readonly tone: "light" | "dark" }) {
  return (
    <span
      data-strip={tone}
      className={`flex items-center justify-center gap-1 rounded border px-1.5 py-1 sm:gap-1.5 ${
        tone === "light" ? "border-zinc-300 bg-zinc-100" : "border-zinc-700 bg-zinc-800"
      }`}
    >
      {TOOLBAR_SIZES.map((px) => (
        <SvgImage key={px} svg={svg} alt="" className={`${SIZE_CLASS[px]} shrink-0`} />
      ))}
    </span>
  );
}
