// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ShortcutHandler, useShortcuts } from "./shortcuts";

// A computed key: Biome reads a capitalised property holding a function as a component.
const ESCAPE = "Escape";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let container: HTMLDivElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

/** A field that, like React Aria's search field, keeps Escape for itself (stops it bubbling). */
function Harness(props: { handlers: Record<string, ShortcutHandler>; onFieldEscape: () => void }) {
  useShortcuts(props.handlers);
  return (
    <div>
      <input
        aria-label="search"
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            props.onFieldEscape();
          }
        }}
      />
      <div role="dialog" aria-label="dialog">
        <button type="button">in dialog</button>
      </div>
    </div>
  );
}

const mount = (handlers: Record<string, ShortcutHandler>) => {
  const onFieldEscape = vi.fn();
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(<Harness handlers={handlers} onFieldEscape={onFieldEscape} />));
  const press = (target: Element, key: string) => {
    const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
    act(() => {
      target.dispatchEvent(event);
    });
    return event;
  };
  const field = container.querySelector("input") as HTMLInputElement;
  const inDialog = container.querySelector("[role=dialog] button") as HTMLButtonElement;
  return { press, field, inDialog, onFieldEscape };
};

describe("useShortcuts", () => {
  it("takes Escape before a field that would stop it, so one press is enough", () => {
    const onEscape = vi.fn();
    const { press, field, onFieldEscape } = mount({ [ESCAPE]: onEscape });
    const event = press(field, "Escape");
    expect(onEscape).toHaveBeenCalledTimes(1);
    expect(onFieldEscape).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(true);
  });

  it("passes Escape on when its handler had nothing to do", () => {
    const { press, field, onFieldEscape } = mount({ [ESCAPE]: () => false });
    const event = press(field, "Escape");
    expect(onFieldEscape).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(false);
  });

  it("leaves Escape to dialogs and ignores it with a modifier", () => {
    const onEscape = vi.fn();
    const { press, inDialog } = mount({ [ESCAPE]: onEscape });
    press(inDialog, "Escape");
    document.body.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Escape", ctrlKey: true, bubbles: true }),
    );
    expect(onEscape).not.toHaveBeenCalled();
  });

  it("runs single-key shortcuts outside fields only", () => {
    const one = vi.fn();
    const { press, field } = mount({ "1": one });
    press(field, "1");
    expect(one).not.toHaveBeenCalled();
    const event = press(document.body, "1");
    expect(one).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
  });

  it("fires from choices that take no typed text (a focused variant radio), never from text fields", () => {
    const d = vi.fn();
    const { press, field } = mount({ d });
    for (const html of ['<input type="radio" name="v">', '<input type="checkbox">', "<button>x</button>"]) {
      const host = document.createElement("div");
      host.innerHTML = html;
      container?.append(host);
      press(host.firstElementChild as Element, "d");
    }
    expect(d).toHaveBeenCalledTimes(3);
    for (const html of ['<input type="search">', "<textarea></textarea>"]) {
      const host = document.createElement("div");
      host.innerHTML = html;
      container?.append(host);
      press(host.firstElementChild as Element, "d");
    }
    press(field, "d");
    expect(d).toHaveBeenCalledTimes(3);
  });
});
