import { useEffect, useMemo } from "react";

/**
 * Shows untrusted SVG as an `<img>` from a Blob URL: images never run scripts or load external
 * resources, so even a hostile SVG is inert. Raw SVG is never put into the DOM.
 */
export function SvgImage({ svg, alt, className }: { svg: string; alt: string; className?: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" })), [svg]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img src={url} alt={alt} className={className} draggable={false} />;
}
