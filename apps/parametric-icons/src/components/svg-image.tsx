/** A data: URL for an SVG; nothing to revoke, so it is safe in lists that mount and unmount often. */
export const svgDataUrl = (svg: string): string =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * Shows untrusted SVG as an `<img>`: images never run scripts or load external resources, so even
 * a hostile SVG is inert. Raw SVG is never put into the DOM.
 */
export function SvgImage({ svg, alt, className }: { svg: string; alt: string; className?: string }) {
  return <img src={svgDataUrl(svg)} alt={alt} className={className} draggable={false} />;
}
