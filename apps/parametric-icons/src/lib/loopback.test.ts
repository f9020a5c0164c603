import { describe, expect, it } from "vitest";
import { loopbackRedirect } from "./loopback";

describe("loopbackRedirect", () => {
  it("moves a 127.0.0.1 page to localhost when the API is on localhost, keeping path and query", () => {
    expect(loopbackRedirect("http://127.0.0.1:3001/?signedIn=github", "http://localhost:4000/api")).toBe(
      "http://localhost:3001/?signedIn=github",
    );
  });

  it("leaves matching and non-loopback hosts alone", () => {
    expect(loopbackRedirect("http://127.0.0.1:3001/", "http://127.0.0.1:4000/api")).toBeNull();
    expect(loopbackRedirect("https://icons.example.com/", "https://api.example.com")).toBeNull();
    expect(loopbackRedirect("http://localhost:3001/", "https://api.example.com")).toBeNull();
  });
});
