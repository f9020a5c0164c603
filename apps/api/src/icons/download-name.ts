/** `arc-through-three-points-0.svg`: ASCII only, so it is safe inside a quoted header value. */
export const downloadName = (prompt: string, index: number): string => {
  const slug = prompt
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "icon"}-${index}.svg`;
};
