import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import type { ExportIcon } from "@parametric-portal/icon-kit/export-options";
import { useCallback } from "react";
import { errorMessage } from "../lib/api-client";
import { DEFAULT_CHOICES, exportIconOf, exportRequest } from "../lib/export-request";
import { useToast } from "./toasts";

/** What the export dialog exports: one variant or a whole set, and what to call it in the heading. */
export interface ExportTarget {
  readonly heading: string;
  /** How many icons `load` resolves to: the formats offered depend on it before they are read. */
  readonly count: number;
  /** Resolved when the dialog opens: a set's icons are read from the API only then. */
  readonly load: () => Promise<readonly ExportIcon[]>;
}

// SVGO, fflate and icon-kit's exporters are needed only when someone exports, so they load then.
const exporter = () => import("../lib/export-run");

/** Copy and download of the shown variant (the `c` and `d` shortcuts) and the export dialog's target. */
export const useExportActions = (icon: Icon | null, variantIndex: number) => {
  const toast = useToast();
  const variant = icon?.variants[variantIndex];

  const guard = useCallback(
    async (action: (icon: Icon) => Promise<string>) => {
      if (!icon || !variant) {
        toast.show("info", "Generate or open an icon first, then export it.");
        return;
      }
      try {
        toast.show("success", await action(icon));
      } catch (error) {
        toast.show("error", errorMessage(error));
      }
    },
    [icon, variant, toast],
  );

  const target: ExportTarget | null =
    icon && variant
      ? {
          heading: `Export “${exportIconOf(icon, variantIndex).name}”`,
          count: 1,
          load: async () => [exportIconOf(icon, variantIndex)],
        }
      : null;

  return {
    target,
    copySvg: () =>
      guard(async () => {
        if (!navigator.clipboard)
          throw new Error("Copying needs a secure (https) page. Use Download SVG instead.");
        await navigator.clipboard.writeText(variant!.svg);
        return "SVG copied to the clipboard.";
      }),
    /** The shown variant as an SVG file with the dialog's default options (palette, ids, title). */
    downloadSvg: () =>
      guard(async (shown) => {
        const { runExport, downloadFile } = await exporter();
        const file = await runExport([exportIconOf(shown, variantIndex)], {
          ...exportRequest(DEFAULT_CHOICES),
          format: "svg",
          optical: false,
        });
        downloadFile(file);
        return `Downloaded ${file.fileName}.`;
      }),
  };
};

export type ExportActions = ReturnType<typeof useExportActions>;
