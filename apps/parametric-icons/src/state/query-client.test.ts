import { describe, expect, it } from "vitest";
import { ApiError } from "../lib/api-client";
import { createQueryClient, endSessionOn401, sessionEvents } from "./query-client";
import { ME_KEY } from "./session";

const user = { id: "u1", email: "a@example.test", name: null, avatarUrl: null };

const signedInClient = () => {
  const client = createQueryClient();
  client.setQueryData(ME_KEY, user);
  client.setQueryData(["icons", "list", ""], { pages: [{ items: [{ id: "i1" }] }] });
  client.setQueryData(["auth", "apikeys"], { keys: [{ id: "k1" }] });
  return client;
};

describe("endSessionOn401", () => {
  it("signs the user out locally, drops cached data and announces it", () => {
    const client = signedInClient();
    let announced = 0;
    const listener = () => {
      announced += 1;
    };
    sessionEvents.addEventListener("ended", listener);
    endSessionOn401(client, new ApiError(401, "unauthorized", "Sign in first."));
    endSessionOn401(client, new ApiError(401, "unauthorized", "Sign in first."));
    sessionEvents.removeEventListener("ended", listener);
    expect(client.getQueryData(ME_KEY)).toBeNull();
    expect(client.getQueryData(["icons", "list", ""])).toBeUndefined();
    expect(client.getQueryData(["auth", "apikeys"])).toBeUndefined();
    expect(announced).toBe(1);
  });

  it("leaves the session alone for other errors", () => {
    const client = signedInClient();
    endSessionOn401(client, new ApiError(403, "csrf", "Reload the page."));
    endSessionOn401(client, new Error("network"));
    expect(client.getQueryData(ME_KEY)).toEqual(user);
    expect(client.getQueryData(["auth", "apikeys"])).toEqual({ keys: [{ id: "k1" }] });
  });

  it("is triggered by a failing query through the client's query cache", async () => {
    const client = signedInClient();
    await client
      .fetchQuery({
        queryKey: ["icons", "one"],
        retry: false,
        queryFn: () => Promise.reject(new ApiError(401, "unauthorized", "Sign in first.")),
      })
      .catch(() => {});
    expect(client.getQueryData(ME_KEY)).toBeNull();
  });
});
