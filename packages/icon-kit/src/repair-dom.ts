/**
 * Helpers of repair.ts shared by its parts: element walking and grip placement. Browser-safe.
 */
import type { Element } from "@xmldom/xmldom";
import { GRIP } from "./design-system";
import type { Point } from "./svg-geometry";

export const round = (v: number) => Math.round(v * 1000) / 1000;

export function descendants(el: Element): Element[] {
  return Array.from(el.getElementsByTagName("*"));
}

export function hasTransform(el: Element, root: Element): boolean {
  for (let node: Element | null = el; node && node !== root; node = node.parentNode as Element | null) {
    if (node.getAttribute("transform")) return true;
  }
  return root.hasAttribute("transform");
}

export function gripCentre(el: Element): Point {
  const num = (name: string) => Number.parseFloat(el.getAttribute(name) ?? "0");
  return { x: num("x") + num("width") / 2, y: num("y") + num("height") / 2 };
}

export function moveGrip(el: Element, to: Point): void {
  el.setAttribute("x", String(round(to.x - GRIP.half)));
  el.setAttribute("y", String(round(to.y - GRIP.half)));
}
