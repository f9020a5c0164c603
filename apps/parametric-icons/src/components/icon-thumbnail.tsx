import type { Asset as Icon, IconSummary } from "@parametric-portal/contracts/icons";
import { SvgImage } from "./svg-image";

/** Sizes a preview may take: 24 is a toolbar icon's real size, 40 a list row's, 48 a library tile's. */
export type ThumbnailSize = 24 | 40 | 48;

// Whole class names, so Tailwind finds them in the source.
const SIZES: Readonly<Record<ThumbnailSize, string>> = {
  24: "h-6 w-6",
  40: "h-10 w-10",
  48: "h-12 w-12",
};

/** An icon's preview: the list's thumbnail (else the first variant) on the icon's own palette. */
export function IconThumbnail({ icon, size = 40 }: { icon: Icon | IconSummary; size?: ThumbnailSize }) {
  const svg = "thumbnailSvg" in icon ? icon.thumbnailSvg : icon.variants[0]?.svg;
  if (!svg) return null;
  return (
    <SvgImage
      svg={svg}
      alt=""
      className={`${SIZES[size]} shrink-0 rounded ring-1 ring-zinc-300 dark:ring-zinc-600 ${icon.colorMode === "dark" ? "bg-zinc-900" : "bg-white"}`}
    />
  );
}
