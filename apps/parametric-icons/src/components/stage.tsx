import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { Button, ToggleButton, Toolbar } from "react-aria-components";
import type { GenerateProgress } from "../lib/types";
import type { ExportActions } from "../state/export-actions";
import type { StageOverlays } from "../state/stage-overlays";
import { ExportMenu } from "./export-menu";
import { IconButton } from "./icon-button";
import { CornerMarks, GridOverlay, SafeAreaOverlay } from "./stage-overlays";
import { SvgImage } from "./svg-image";
import { buttonGhost, buttonSecondary, toggleItem } from "./ui";

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
}) {
  const { icon, variantIndex, overlays, exports } = props;
  const variant = icon?.variants[variantIndex];
  const darkStage = (icon?.colorMode ?? props.palette) === "dark";
  return (
    <section aria-label="Preview" className="flex w-full flex-col items-center gap-3">
      <div className="stage-frame relative flex w-full max-w-[min(32rem,70dvh)] flex-col gap-2">
        <div
          className={`relative aspect-square w-full max-w-[min(32rem,70dvh)] rounded-lg border ${
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
          // Over the stage, shown on hover or keyboard focus, where there is a mouse; below it on touch
          // screens, which have no hover (the `.hover-toolbar` rules live in styles.css).
          <Toolbar
            aria-label="Icon actions"
            className="hover-toolbar flex flex-wrap justify-center gap-1 rounded-md bg-white/90 p-1 shadow transition-opacity dark:bg-zinc-800/90"
          >
            <Button className={buttonGhost} onPress={props.onUseAsReference}>
              Use as reference
            </Button>
            <Button className={buttonGhost} onPress={() => void exports.copySvg()} aria-keyshortcuts="c">
              Copy SVG
            </Button>
            <Button className={buttonGhost} onPress={() => void exports.downloadSvg()} aria-keyshortcuts="d">
              Download SVG
            </Button>
            <ExportMenu actions={exports} disabled={false} />
          </Toolbar>
        )}
      </div>
      <div className="flex w-full max-w-[min(32rem,70dvh)] flex-wrap items-center justify-between gap-2">
        <VariantStepper icon={icon} index={variantIndex} onVariant={props.onVariant} onStep={props.onStep} />
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
  readonly onVariant: (index: number) => void;
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
      {props.icon?.variants.map((v, i) => (
        <Button
          key={v.index}
          aria-label={`Show variant ${i + 1}${v.passed ? "" : " (has rule findings)"}`}
          aria-current={i === props.index ? "true" : undefined}
          onPress={() => props.onVariant(i)}
          // A 24 px target around a 12 px dot, so it can be hit with a finger.
          className="flex h-6 w-6 items-center justify-center rounded-full outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
        >
          <span
            aria-hidden="true"
            className={`h-3 w-3 rounded-full ${
              i === props.index ? "bg-sky-600" : v.passed ? "bg-zinc-400 dark:bg-zinc-500" : "bg-amber-500"
            }`}
          />
        </Button>
      ))}
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
