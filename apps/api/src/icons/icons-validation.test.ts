import { ICON_LIMITS } from "@parametric-portal/contracts/icons";
import { useTestApp } from "@parametric-portal/test-support/hooks";
import { getAs, goodSvg, postIcon } from "@parametric-portal/test-support/icons-test-kit";
import { type SignedIn, signIn } from "@parametric-portal/test-support/session";
import { beforeAll, describe, expect, it } from "vitest";

const t = useTestApp();
let ada: SignedIn;
beforeAll(async () => {
  ada = await signIn(t.app);
});

interface ErrorShape {
  code: string;
  message: string;
  details?: unknown;
}

const fieldsOf = (body: ErrorShape): string[] => {
  const details = body.details;
  if (Array.isArray(details)) return details.map((d: { field: string }) => d.field);
  return [(details as { field: string }).field];
};

const svg = goodSvg();
const attachment = (i: number) => ({ name: `ref-${i}.svg`, svg });

describe("POST /api/icons limits", () => {
  it.each([
    ["empty prompt", { prompt: "" }, "body.prompt"],
    ["blank prompt", { prompt: "   " }, "body.prompt"],
    ["prompt too long", { prompt: "x".repeat(ICON_LIMITS.promptMaxLength + 1) }, "body.prompt"],
    ["missing prompt", { variantCount: 1 }, "body.prompt"],
    ["zero variants", { prompt: "line", variantCount: 0 }, "body.variantCount"],
    ["too many variants", { prompt: "line", variantCount: ICON_LIMITS.maxVariants + 1 }, "body.variantCount"],
    ["bad intent", { prompt: "line", intent: "destroy" }, "body.intent"],
    ["bad colour mode", { prompt: "line", colorMode: "blue" }, "body.colorMode"],
    ["bad engine", { prompt: "line", engine: "gpt" }, "body.engine"],
    ["bad parentId", { prompt: "line", parentId: "nope" }, "body.parentId"],
    [
      "too many attachments",
      { prompt: "line", attachments: [1, 2, 3, 4, 5].map(attachment) },
      "body.attachments",
    ],
    ["unknown field", { prompt: "line", style: "bold" }, "body"],
    [
      "referenceSvg over 64 KiB",
      { prompt: "line", referenceSvg: "x".repeat(ICON_LIMITS.svgMaxBytes + 1) },
      "body.referenceSvg",
    ],
    ["refine without a reference", { prompt: "bolder", intent: "refine" }, "body.referenceSvg"],
    [
      "referenceSvg not an SVG",
      { prompt: "line", referenceSvg: "<html><script/></html>" },
      "body.referenceSvg",
    ],
    [
      "attachment not an SVG",
      { prompt: "line", attachments: [{ name: "a.svg", svg: "hello" }] },
      "body.attachments.0.svg",
    ],
    ["engine anthropic without any key", { prompt: "line", engine: "anthropic" }, "body.engine"],
  ])("%s -> 400 naming the field", async (_name, payload, field) => {
    const response = await postIcon(t.app, ada, payload);
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorShape>();
    expect(body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(fieldsOf(body).some((f) => f.startsWith(field))).toBe(true);
  });

  it("an SVG over 64 KiB in UTF-8 (but not in characters) -> 413 naming the field", async () => {
    const big = `<svg xmlns="http://www.w3.org/2000/svg"><title>${"é".repeat(ICON_LIMITS.svgMaxBytes / 2 + 10)}</title></svg>`;
    expect(big.length).toBeLessThanOrEqual(ICON_LIMITS.svgMaxBytes);
    const response = await postIcon(t.app, ada, {
      prompt: "line",
      attachments: [{ name: "a.svg", svg: big }],
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: "SVG_TOO_LARGE",
      details: { field: "body.attachments.0.svg" },
    });
  });

  it("a body over 1 MiB -> 413 PAYLOAD_TOO_LARGE", async () => {
    const response = await postIcon(t.app, ada, { prompt: "line", padding: "x".repeat(1024 * 1024 + 1) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("accepts four sanitised attachments and a reference, and stores only sanitised SVG", async () => {
    const hostileRef = svg.replace("</svg>", "<script>alert(1)</script></svg>");
    // A refinement that changes something: one that would not is refused and stores nothing.
    const response = await postIcon(t.app, ada, {
      prompt: "larger",
      intent: "refine",
      referenceSvg: hostileRef,
      attachments: [1, 2, 3, 4].map(attachment),
    });
    expect(response.statusCode).toBe(201);
    expect(response.body).not.toContain("<script");
  });

  it("a missing CSRF token -> 403", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/icons",
      headers: { cookie: ada.cookie },
      payload: { prompt: "line" },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe("GET /api/icons limits", () => {
  it.each([
    ["limit=0", "querystring.limit"],
    [`limit=${ICON_LIMITS.listMaxLimit + 1}`, "querystring.limit"],
    ["limit=abc", "querystring.limit"],
    [`q=${"a".repeat(ICON_LIMITS.searchMaxLength + 1)}`, "querystring.q"],
  ])("%s -> 400 naming the field", async (query, field) => {
    const response = await getAs(t.app, ada, `/api/icons?${query}`);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json<ErrorShape>())).toContain(field);
  });

  it("a malformed id -> 400 naming the field", async () => {
    const response = await getAs(t.app, ada, "/api/icons/not-a-uuid");
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json<ErrorShape>())).toContain("params.id");
  });
});
