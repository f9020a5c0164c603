import { Button, Label, Slider, SliderOutput, SliderThumb, SliderTrack } from "react-aria-components";
import { describeChanges, type LiveParams } from "../state/live-params";
import { buttonPrimary, buttonSecondary, focusRing, label } from "./ui";

/**
 * The shown variant's parameters as sliders beside the stage (arrow keys step, Home/End jump to
 * the ends). Moving one redraws the icon at once in the browser; Save stores the drawing as a
 * refinement of this variant, Reset returns to the stored values.
 */
export function ParameterControls(props: {
  readonly live: LiveParams;
  readonly toolLabel: string;
  readonly saving: boolean;
  readonly onSave: () => void;
}) {
  const { live } = props;
  const edited = live.changes.length > 0;
  return (
    <section
      aria-label="Parameters"
      className="flex w-full max-w-[min(32rem,70dvh)] flex-col gap-3 rounded-lg border border-zinc-300 p-3 md:w-64 dark:border-zinc-600"
    >
      <h2 className="text-sm font-semibold">Parameters · {props.toolLabel}</h2>
      {live.specs.length === 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">This tool has no parameters to set.</p>
      )}
      {live.specs.map((spec) => (
        <Slider
          key={spec.key}
          minValue={spec.min}
          maxValue={spec.max}
          step={spec.step}
          value={live.values[spec.key] ?? spec.min}
          onChange={(value) => live.set(spec.key, value)}
          className="flex flex-col gap-1"
        >
          <div className="flex justify-between gap-2">
            <Label className={label}>{spec.label}</Label>
            <SliderOutput className="text-xs tabular-nums">
              {({ state }) => `${state.getThumbValueLabel(0)}${unitText(spec.unit)}`}
            </SliderOutput>
          </div>
          <SliderTrack className="relative h-6 w-full">
            <div className="absolute top-1/2 h-1 w-full -translate-y-1/2 rounded-full bg-zinc-300 dark:bg-zinc-600" />
            <SliderThumb
              className={`top-1/2 h-5 w-5 rounded-full border-2 border-sky-700 bg-white dragging:bg-sky-100 ${focusRing}`}
            />
          </SliderTrack>
        </Slider>
      ))}
      <div className="flex gap-2">
        <Button className={buttonPrimary} isDisabled={!edited || props.saving} onPress={props.onSave}>
          Save
        </Button>
        <Button className={buttonSecondary} isDisabled={!edited || props.saving} onPress={live.reset}>
          Reset
        </Button>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-300" aria-live="polite">
        {edited
          ? `Edited: ${describeChanges(live.changes)}. Save keeps it as a refinement.`
          : "Move a slider to redraw the icon."}
      </p>
    </section>
  );
}

// "45°" but "3 units".
const unitText = (unit: string): string => (unit === "" || unit === "°" ? unit : ` ${unit}`);
