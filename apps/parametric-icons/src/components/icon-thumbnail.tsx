import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { SvgImage } from "./svg-image";

/** A list row's small preview: the first variant on the background of the icon's own palette. */
export function IconThumbnail({ icon }: { icon: Icon }) {
  const first = icon.variants[0];
  if (!first) return null;
  return (
    <SvgImage
      svg={first.svg}
      alt=""
      className={`h-10 w-10 shrink-0 rounded ring-1 ring-zinc-300 dark:ring-zinc-600 ${icon.colorMode === "dark" ? "bg-zinc-900" : "bg-white"}`}
    />
  );
}
