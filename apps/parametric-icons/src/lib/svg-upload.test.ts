// @vitest-environment jsdom

import { ICON_LIMITS } from "@parametric-portal/contracts/limits";
import { sanitizeSvg } from "@parametric-portal/icon-kit/sanitize";
import { describe, expect, it } from "vitest";
import { addAttachments, checkSvgUpload, describeRemoved, MAX_SVG_BYTES } from "./svg-upload";

const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M4 4L28 28"/></svg>';

describe("checkSvgUpload", () => {
  it("accepts a small well-formed SVG and keeps its text", async () => {
    const result = await checkSvgUpload(new File([svg], "arc.svg", { type: "image/svg+xml" }));
    expect(result).toEqual({ ok: true, attachment: { name: "arc.svg", svg }, removed: null });
  });

  it("attaches the sanitised SVG and says what the sanitiser removed", async () => {
    const hostile =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" onload="a()"><script>b()</script>' +
      '<path d="M4 4L28 28" onclick="c()"/></svg>';
    const result = await checkSvgUpload(new File([hostile], "hostile.svg", { type: "image/svg+xml" }));
    expect(result).toEqual({
      ok: true,
      attachment: { name: "hostile.svg", svg: sanitizeSvg(hostile).svg },
      removed: "script and 2 event handlers",
    });
    if (result.ok) expect(result.attachment.svg).not.toMatch(/script|onload|onclick/);
  });

  it("refuses an SVG with nothing left to draw, naming what was removed", async () => {
    const scriptOnly = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const result = await checkSvgUpload(new File([scriptOnly], "empty.svg", { type: "image/svg+xml" }));
    expect(result).toEqual({
      ok: false,
      message:
        "empty.svg has nothing left to draw once script is removed, so it cannot be a style reference. Choose an SVG drawn with paths or shapes.",
    });
    const blank = await checkSvgUpload(
      new File(['<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'], "blank.svg", {
        type: "image/svg+xml",
      }),
    );
    expect(blank).toMatchObject({ ok: false, message: expect.stringMatching(/^blank\.svg draws nothing/) });
  });

  it("rejects files that are not SVG by type and name", async () => {
    const result = await checkSvgUpload(new File(["x"], "photo.png", { type: "image/png" }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not an SVG/) });
  });

  it("rejects files over 64 KiB", async () => {
    const big = `<svg xmlns="http://www.w3.org/2000/svg"><!--${"a".repeat(MAX_SVG_BYTES)}--></svg>`;
    const result = await checkSvgUpload(new File([big], "big.svg", { type: "image/svg+xml" }));
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/65 KiB; references must be 64 KiB/),
    });
  });

  it("rejects text that does not parse as an svg document", async () => {
    const broken = await checkSvgUpload(
      new File(["<svg><path></svg>"], "broken.svg", { type: "image/svg+xml" }),
    );
    expect(broken.ok).toBe(false);
    const html = await checkSvgUpload(new File(["<html xmlns='x'/>"], "page.svg", { type: "image/svg+xml" }));
    expect(html).toMatchObject({ ok: false, message: expect.stringMatching(/could not be read as SVG/) });
  });
});

describe("describeRemoved", () => {
  const item = (kind: Parameters<typeof describeRemoved>[0][number]["kind"], name: string) => ({
    kind,
    name,
    what: `${name} (description text is never read)`,
    reason: "test",
  });

  it("is null when nothing was removed", () => {
    expect(describeRemoved([])).toBeNull();
  });

  it("names elements, counts the rest, and joins them in order", () => {
    expect(
      describeRemoved([
        item("element", "script"),
        item("event-handler", "onload"),
        item("element", "foreignObject"),
        item("element", "foreignObject"),
        item("event-handler", "onclick"),
        item("style-declaration", "behavior"),
        item("unsafe-value", "href"),
        item("attribute", "data-x"),
        item("doctype", "DOCTYPE"),
      ]),
    ).toBe(
      "script, 2 foreignObject elements, 2 event handlers, 1 style declaration, 1 unsafe link or value, 1 other attribute and the DOCTYPE",
    );
  });
});

describe("addAttachments", () => {
  const a = (n: number) => ({ name: `r${n}.svg`, svg: `<svg id="${n}"/>` });

  it("skips duplicates by content and stops at four", () => {
    const first = addAttachments([], [a(1), a(2), a(1)]);
    expect(first.attachments.map((x) => x.name)).toEqual(["r1.svg", "r2.svg"]);
    expect(first.skipped).toEqual(["r1.svg is already attached."]);
    const full = addAttachments(first.attachments, [a(3), a(4), a(5)]);
    expect(full.attachments).toHaveLength(4);
    expect(full.skipped).toEqual(["r5.svg: at most 4 references; remove one first."]);
  });

  it("shortens names to the API's limit and keeps the extension", () => {
    const { attachments } = addAttachments([], [{ name: `${"n".repeat(300)}.svg`, svg: "<svg/>" }]);
    expect(attachments[0]?.name).toHaveLength(ICON_LIMITS.attachmentNameMaxLength);
    expect(attachments[0]?.name.endsWith("….svg")).toBe(true);
  });
});
