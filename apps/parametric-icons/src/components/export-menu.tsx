import { Button, Menu, MenuItem, MenuTrigger, Popover, Separator } from "react-aria-components";
import type { ExportActions } from "../state/export-actions";
import { buttonSecondary, focusRing } from "./ui";

const PNG_SIZES = [32, 64, 128, 256, 512] as const;

const item = `cursor-default rounded px-3 py-1.5 text-sm focused:bg-sky-700 focused:text-white ${focusRing}`;

/** All exports in one keyboard-reachable menu: SVG, PNG at each size, ZIP of every variant. */
export function ExportMenu({ actions, disabled }: { actions: ExportActions; disabled: boolean }) {
  return (
    <MenuTrigger>
      <Button className={buttonSecondary} isDisabled={disabled} aria-label="Export">
        Export ▾
      </Button>
      <Popover className="min-w-44 rounded-lg border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-50">
        <Menu
          aria-label="Export formats"
          className="outline-none"
          onAction={(key) => {
            const k = String(key);
            if (k === "svg") void actions.downloadSvg();
            else if (k === "zip") void actions.downloadZip();
            else if (k.startsWith("png-")) void actions.downloadPng(Number(k.slice(4)));
          }}
        >
          <MenuItem id="svg" className={item}>
            SVG file
          </MenuItem>
          <Separator className="my-1 border-t border-zinc-200 dark:border-zinc-700" />
          {PNG_SIZES.map((size) => (
            <MenuItem key={size} id={`png-${size}`} className={item}>
              {`PNG ${size} px`}
            </MenuItem>
          ))}
          <Separator className="my-1 border-t border-zinc-200 dark:border-zinc-700" />
          <MenuItem id="zip" className={item}>
            ZIP of all variants
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
