import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from "react-aria-components";
import { focusRing, label } from "../ui";

// The "no filter" choice; no tool, type or engine is spelled like this.
const ANY = "__any__";

/** A labelled drop-down of options plus "Any" (null), used for the library's filters and sort. */
export function FilterSelect<T extends string>(props: {
  label: string;
  value: T | null;
  options: readonly { readonly id: T; readonly label: string }[];
  onChange: (value: T | null) => void;
  /** Leave out "Any" when a choice is required (the sort). */
  required?: boolean;
}) {
  const items = props.required ? props.options : [{ id: ANY, label: "Any" }, ...props.options];
  return (
    <Select
      selectedKey={props.value ?? ANY}
      onSelectionChange={(key) => props.onChange(key === ANY || key === null ? null : (String(key) as T))}
      className="flex min-w-0 flex-col gap-1"
    >
      <Label className={label}>{props.label}</Label>
      <Button
        className={`flex w-full items-center justify-between gap-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-left text-sm dark:border-zinc-600 dark:bg-zinc-900 ${focusRing}`}
      >
        <SelectValue className="truncate" />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="max-h-72 min-w-(--trigger-width) overflow-y-auto rounded-lg border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-50">
        <ListBox items={items} className="outline-none">
          {(item) => (
            <ListBoxItem
              id={item.id}
              textValue={item.label}
              className="cursor-default rounded px-2 py-1 text-sm outline-none focus:bg-sky-100 selected:font-semibold dark:focus:bg-sky-900"
            >
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
