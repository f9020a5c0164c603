import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { Button, ToggleButton, Toolbar } from "react-aria-components";
import type { GenerateProgress } from "../lib/types";
import type { ExportActions } from "../state/export-actions";
import type { StageOverlays } from "../state/stage-overlays";
import { ExportMenu } from "./export-menu";
import { IconButton } from "./icon-button";
import { CornerMarks, GridOverlay, SafeAreaOverlay } from "./stage-overlays";
import { SvgImage } from "./svg-image";
import { buttonBase, buttonGhost, buttonSecondary, toggleItem } from "./ui";
import { VariantCompare } from "./variant-compare";

// Narrower than the shared ghost button, so the five actions fit one row under a desktop stage.
const actionBase = buttonBase.replace("px-3", "px-2");
const actionButton = buttonGhost.replace("px-3", "px-2");

// From md up the shell is one screen tall (see workspace.tsx): with the compare row above it, a
// 32rem frame put its own actions below the fold on a 1440×900 desktop. The frame gives way to the
// command bar, the compare row and the two control rows (about 37rem together) but stays at least
// 16rem; the action toolbar keeps its width, so its buttons stay on one row.
const FIT_UNDER_COMPARE = "md:max-w-[max(16rem,min(32rem,calc(100dvh-37rem)))]";

const EXAMPLES = ["arc through three points", "offset curve", "measure angle", "fillet two lines"];

export function Stage(props: {
  readonly icon: Icon | null;
  readonly variantIndex: number;
  readonly onVariant: (index: number) => void;
  readonly onStep: (delta: number) => void;
  /** The palette of the next generation, shown when no icon is open. */
  readonly palette: Icon["colorMode"];
  readonly overlays: StageOverlays;
  /** The shown variant redrawn from edited parameters; null shows the stored drawing. */
  readonly liveSvg: string | null;
  readonly exports: ExportActions;
  readonly progress: GenerateProgress | null;
  readonly running: boolean;
  readonly onCancel: () => void;
  readonly onExample: (text: string) => void;
  readonly onUseAsReference: () => void;
  /** Whether the open icon is in the library, and how to change that (Keep / Kept). */
  readonly keep: {
    readonly kept: boolean;
    readonly pending: boolean;
    readonly onChange: (kept: boolean) => void;
  };
  /** Focus the variant picker once it shows the icon (after a generation); see useOpenIcon. */
  readonly reveal: boolean;
  readonly onRevealed: () => void;
}) {
  const { icon, variantIndex, overlays, exports } = props;
  const variant = icon?.variants[variantIndex];
  const darkStage = (icon?.colorMode ?? props.palette) === "dark";
  return (
    <section aria-label="Preview" className="flex w-full min-w-0 flex-col items-center gap-3">
      {icon && (
        <VariantCompare
          icon={icon}
          index={variantIndex}
          onPick={props.onVariant}
          reveal={props.reveal}
          onRevealed={props.onRevealed}
        />
      )}
      {/* 36rem from md up: the five icon actions fit one row there (32rem wrapped Keep to a second). */}
      <div className="relative flex w-full max-w-[min(32rem,70dvh)] flex-col gap-2 md:max-w-xl">
        <div
          className={`relative mx-auto aspect-square w-full max-w-[min(32rem,70dvh)] rounded-lg border ${
            icon ? FIT_UNDER_COMPARE : ""
          } ${
            darkStage ? "border-zinc-700 bg-zinc-900 text-zinc-400" : "border-zinc-300 bg-white text-zinc-500"
          }`}
        >
          <CornerMarks />
          {/* The grid sits behind the icon so it never crosses the white grips; the safe area stays on top. */}
          {overlays.grid && <GridOverlay />}
          {variant && (
            <SvgImage
              svg={props.liveSvg ?? variant.svg}
              alt={`Variant ${variantIndex + 1} of ${icon?.variants.length}: ${icon?.prompt}${
                props.liveSvg ? " (edited, not saved)" : ""
              }`}
              className="absolute inset-0 h-full w-full"
            />
          )}
          {overlays.safeArea && <SafeAreaOverlay />}
          {!variant && !props.running && (
            <div className="absolute inset-0 flex flex-col items-center justify-center gap-3 p-6 text-center text-sm">
              <p className={darkStage ? "text-zinc-200" : "text-zinc-700"}>
                Describe what a tool does in the prompt above and press Enter. Try one of these:
              </p>
              <div className="flex flex-wrap justify-center gap-2">
                {EXAMPLES.map((e) => (
                  <Button key={e} className={buttonSecondary} onPress={() => props.onExample(e)}>
                    {e}
                  </Button>
                ))}
              </div>
            </div>
          )}
          {props.running && (
            <div
              role="status"
              aria-live="polite"
              className="absolute inset-0 flex flex-col items-center justify-center gap-3 bg-black/40 p-6 text-center text-white"
            >
              <span
                className="h-8 w-8 animate-spin rounded-full motion-reduce:animate-none border-4 border-white/30 border-t-white"
                aria-hidden="true"
              />
              <p data-testid="progress">
                {props.progress?.message ?? "Working…"}
                {props.progress?.variantsReceived !== undefined &&
                  ` (${props.progress.variantsReceived} received)`}
              </p>
              <Button className={buttonSecondary} onPress={props.onCancel} aria-keyshortcuts="Escape">
                Cancel
              </Button>
            </div>
          )}
        </div>
        {variant && (
          // Below the frame at every size, so it never covers the drawing it acts on.
          <Toolbar
            aria-label="Icon actions"
            className="flex flex-wrap justify-center gap-1 rounded-md border border-zinc-200 bg-white p-1 dark:border-zinc-700 dark:bg-zinc-800"
          >
            <Button className={actionButton} onPress={props.onUseAsReference}>
              Use as reference
            </Button>
            <Button className={actionButton} onPress={() => void exports.copySvg()} aria-keyshortcuts="c">
              Copy SVG
            </Button>
            <Button className={actionButton} onPress={() => void exports.downloadSvg()} aria-keyshortcuts="d">
              Download SVG
            </Button>
            <ExportMenu actions={exports} disabled={false} />
            {/* History has every generation; Keep puts this icon in the library (a star, not only colour). */}
            <ToggleButton
              isSelected={props.keep.kept}
              onChange={props.keep.onChange}
              // Not disabled while saving: a disabled button would drop keyboard focus to the page.
              aria-busy={props.keep.pending || undefined}
              // Chosen per state, not by `selected:` over the ghost style, whose hover colour would win.
              className={({ isSelected }) =>
                isSelected ? `${actionBase} bg-sky-700 text-white hover:bg-sky-800` : actionButton
              }
            >
              <span aria-hidden="true">{props.keep.kept ? "★" : "☆"}</span>
              {props.keep.kept ? "Kept" : "Keep"}
            </ToggleButton>
          </Toolbar>
        )}
      </div>
      <div className="flex w-full max-w-[min(32rem,70dvh)] flex-wrap items-center justify-between gap-2 md:max-w-xl">
        <VariantStepper icon={icon} index={variantIndex} onStep={props.onStep} />
        <div className="flex gap-1">
          <ToggleButton
            isSelected={overlays.grid}
            onChange={overlays.setGrid}
            className={toggleItem}
            aria-keyshortcuts="g"
          >
            Grid
          </ToggleButton>
          <ToggleButton
            isSelected={overlays.safeArea}
            onChange={overlays.setSafeArea}
            className={toggleItem}
            aria-keyshortcuts="a"
          >
            Safe area
          </ToggleButton>
        </div>
      </div>
    </section>
  );
}

function VariantStepper(props: {
  readonly icon: Icon | null;
  readonly index: number;
  readonly onStep: (delta: number) => void;
}) {
  const count = props.icon?.variants.length ?? 0;
  if (count === 0) return <span />;
  return (
    <nav aria-label="Variants" className="flex items-center gap-1">
      <IconButton
        className={buttonGhost}
        onPress={() => props.onStep(-1)}
        label="Previous variant"
        tooltip="Previous variant ( [ )"
        keyShortcuts="["
      >
        ‹
      </IconButton>
      <IconButton
        className={buttonGhost}
        onPress={() => props.onStep(1)}
        label="Next variant"
        tooltip="Next variant ( ] )"
        keyShortcuts="]"
      >
        ›
      </IconButton>
      <span className="ml-1 text-sm tabular-nums" data-testid="variant-position">
        {props.index + 1} / {count}
      </span>
    </nav>
  );
}
