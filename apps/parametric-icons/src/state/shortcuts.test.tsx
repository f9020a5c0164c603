// @vitest-environment jsdom

import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { useShortcuts } from "./shortcuts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
const made: HTMLElement[] = [];
afterEach(() => {
  act(() => root?.unmount());
  for (const el of made.splice(0)) el.remove();
});

const pressed: string[] = [];
// A computed key: Biome reads a capitalised property holding a function as a component.
const ESCAPE = "Escape";
function Probe() {
  useShortcuts({ d: () => pressed.push("d"), [ESCAPE]: () => pressed.push(ESCAPE) });
  return null;
}

/** A focused element of the given kind, receiving a key press that bubbles to the window. */
const pressIn = (html: string, key: string) => {
  const host = document.createElement("div");
  host.innerHTML = html;
  document.body.append(host);
  made.push(host);
  const target = host.firstElementChild as HTMLElement;
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
};

describe("useShortcuts", () => {
  it("fires from choices that take no typed text, never from fields that do (except Escape)", () => {
    root = createRoot(document.createElement("div"));
    act(() => root?.render(<Probe />));
    pressed.length = 0;
    pressIn('<input type="radio" name="v">', "d");
    pressIn('<input type="checkbox">', "d");
    pressIn("<button>x</button>", "d");
    expect(pressed).toEqual(["d", "d", "d"]);
    pressIn('<input type="text">', "d");
    pressIn('<input type="search">', "d");
    pressIn("<input>", "d");
    pressIn("<textarea></textarea>", "d");
    expect(pressed).toEqual(["d", "d", "d"]);
    pressIn('<input type="text">', "Escape");
    expect(pressed).toEqual(["d", "d", "d", "Escape"]);
  });
});
