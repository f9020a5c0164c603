import type { Asset as Icon, IconSummary } from "@parametric-portal/contracts/icons";
import { SvgImage } from "./svg-image";

/** A list row's small preview: the list's thumbnail (else the first variant) on the icon's own palette. */
export function IconThumbnail({ icon }: { icon: Icon | IconSummary }) {
  const svg = "thumbnailSvg" in icon ? icon.thumbnailSvg : icon.variants[0]?.svg;
  if (!svg) return null;
  return (
    <SvgImage
      svg={svg}
      alt=""
      className={`h-10 w-10 shrink-0 rounded ring-1 ring-zinc-300 dark:ring-zinc-600 ${icon.colorMode === "dark" ? "bg-zinc-900" : "bg-white"}`}
    />
  );
}
