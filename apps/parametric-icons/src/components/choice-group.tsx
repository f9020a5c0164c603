import { type ReactNode, useId } from "react";
import { ToggleButton, ToggleButtonGroup } from "react-aria-components";
import { label, toggleGroup, toggleItem } from "./ui";

/**
 * A labelled segmented control with exactly one option selected. An option with a
 * `disabledReason` cannot be chosen; the reason is shown under the group and is the button's
 * accessible description.
 */
export function ChoiceGroup<T extends string>(props: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly id: T; readonly label: string; readonly disabledReason?: string }[];
  readonly onChange: (value: T) => void;
  readonly children?: ReactNode;
}) {
  const labelId = useId();
  const reasonId = useId();
  const reasons = props.options.flatMap((o) => (o.disabledReason ? [o.disabledReason] : []));
  return (
    <div className="flex flex-col gap-1">
      <span className={label} id={labelId}>
        {props.label}
      </span>
      <div className="flex items-center gap-2">
        <ToggleButtonGroup
          aria-labelledby={labelId}
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[props.value]}
          onSelectionChange={(keys) => {
            const [first] = keys;
            const option = props.options.find((o) => o.id === first);
            if (option) props.onChange(option.id);
          }}
          className={toggleGroup}
        >
          {props.options.map((o) => (
            <ToggleButton
              key={o.id}
              id={o.id}
              className={toggleItem}
              isDisabled={o.disabledReason !== undefined}
              aria-describedby={o.disabledReason !== undefined ? reasonId : undefined}
            >
              {o.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {props.children}
      </div>
      {reasons.length > 0 && (
        <p id={reasonId} className="text-xs text-zinc-600 dark:text-zinc-300">
          {reasons.join(" ")}
        </p>
      )}
    </div>
  );
}
