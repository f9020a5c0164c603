import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { useCallback } from "react";
import { errorMessage } from "../lib/api-client";
import { useToast } from "./toasts";

// The ZIP library and the rasteriser are needed only when someone exports, so they load then.
const files = () => import("../lib/export-files");
const png = () => import("../lib/export-png");

/** Copy / download / PNG / ZIP for the shown variant, each reporting success or failure in a toast. */
export const useExportActions = (icon: Icon | null, variantIndex: number) => {
  const toast = useToast();
  const variant = icon?.variants[variantIndex];

  const guard = useCallback(
    async (action: () => Promise<string>) => {
      if (!icon || !variant) {
        toast.show("info", "Generate or open an icon first, then export it.");
        return;
      }
      try {
        toast.show("success", await action());
      } catch (error) {
        toast.show("error", errorMessage(error));
      }
    },
    [icon, variant, toast],
  );

  return {
    copySvg: () =>
      guard(async () => {
        if (!navigator.clipboard)
          throw new Error("Copying needs a secure (https) page. Use Download SVG instead.");
        await navigator.clipboard.writeText(variant!.svg);
        return "SVG copied to the clipboard.";
      }),
    downloadSvg: () =>
      guard(async () => {
        const [{ variantFileName }, { downloadBlob }] = await Promise.all([files(), png()]);
        const name = variantFileName(icon!, variant!.index, "svg");
        downloadBlob(new Blob([variant!.svg], { type: "image/svg+xml" }), name);
        return `Downloaded ${name}.`;
      }),
    downloadPng: (size: number) =>
      guard(async () => {
        const [{ variantFileName }, { downloadBlob, svgToPng }] = await Promise.all([files(), png()]);
        const name = variantFileName(icon!, variant!.index, `${size}.png`);
        downloadBlob(await svgToPng(variant!.svg, size), name);
        return `Downloaded ${name} (${size}×${size} px).`;
      }),
    downloadZip: () =>
      guard(async () => {
        const [{ variantFileName, variantsZip }, { downloadBlob }] = await Promise.all([files(), png()]);
        const name = variantFileName(icon!, 0, "zip").replace(/-v1\.zip$/, "-variants.zip");
        const bytes = variantsZip(icon!);
        downloadBlob(new Blob([bytes.slice().buffer], { type: "application/zip" }), name);
        return `Downloaded ${name} with ${icon!.variants.length} SVG files.`;
      }),
  };
};

export type ExportActions = ReturnType<typeof useExportActions>;
