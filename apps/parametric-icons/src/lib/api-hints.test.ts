import { describe, expect, it } from "vitest";
import { apiHints, apiHintTags } from "./api-hints";

describe("apiHints", () => {
  it("preconnects to a cross-origin API and preloads /auth/me as a credentialed fetch", () => {
    expect(apiHints("https://api.example.com/api/")).toEqual([
      { rel: "preconnect", href: "https://api.example.com" },
      {
        rel: "preload",
        href: "https://api.example.com/api/auth/me",
        as: "fetch",
        crossorigin: "use-credentials",
      },
    ]);
  });

  it("skips the preconnect for an API on the page's own origin", () => {
    expect(apiHints("/api")).toEqual([
      { rel: "preload", href: "/api/auth/me", as: "fetch", crossorigin: "use-credentials" },
    ]);
  });
});

describe("apiHintTags", () => {
  it("writes link tags with the URL escaped for an attribute", () => {
    const tags = apiHintTags('https://api.example.com/a"b&c');
    expect(tags).toContain('<link rel="preconnect" href="https://api.example.com" />');
    expect(tags).toContain(
      '<link rel="preload" href="https://api.example.com/a&quot;b&amp;c/auth/me" as="fetch" crossorigin="use-credentials" />',
    );
  });
});
