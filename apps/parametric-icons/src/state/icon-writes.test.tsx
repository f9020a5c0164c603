// @vitest-environment jsdom
import type { Asset } from "@parametric-portal/contracts/icons";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { describe, expect, it } from "vitest";
import { ICON_WRITE_KEY, useIconWrites } from "./icons";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Listener(props: { onIcon: (icon: Asset) => void }) {
  useIconWrites(props.onIcon);
  return null;
}

describe("useIconWrites", () => {
  it("hands over the icon of every successful keep/rename, and nothing from other or failed mutations", async () => {
    const client = new QueryClient();
    const seen: string[] = [];
    const root = createRoot(document.createElement("div"));
    act(() =>
      root.render(
        <QueryClientProvider client={client}>
          <Listener onIcon={(icon) => seen.push(icon.id)} />
        </QueryClientProvider>,
      ),
    );
    const run = (key: readonly string[], fn: () => Promise<unknown>) =>
      client.getMutationCache().build(client, { mutationKey: key, mutationFn: fn }).execute(undefined);
    const icon = (id: string) => ({ id }) as Asset;
    await act(() => run(ICON_WRITE_KEY, async () => icon("kept-1")));
    await act(() => run(["icons", "delete"], async () => icon("other")));
    await act(() =>
      run(ICON_WRITE_KEY, async () => {
        throw new Error("refused");
      }).catch(() => undefined),
    );
    await act(() => run(ICON_WRITE_KEY, async () => icon("renamed-2")));
    expect(seen).toEqual(["kept-1", "renamed-2"]);
    act(() => root.unmount());
  });
});
