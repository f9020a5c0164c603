import { readFileSync } from "node:fs";
import path from "node:path";
import { useTestApp } from "@parametric-portal/test-support/hooks";
import { describe, expect, it } from "vitest";

// docs/architecture.md states the headers the API sends; this keeps that table true.
const ARCHITECTURE = path.join(import.meta.dirname, "../../../docs/architecture.md");

interface Row {
  readonly path: string;
  readonly header: string;
  readonly value: string;
}

/** The rows of the table under "### Response headers": `| what | `path` | `header` | `value` |`. */
const documentedRows = (markdown: string): Row[] => {
  const section = markdown.split(/^### Response headers$/m)[1]?.split(/^#/m)[0];
  if (section === undefined) throw new Error("docs/architecture.md has no '### Response headers' section.");
  return section
    .split("\n")
    .map((line) => /^\| [^|]+ \| `([^`]+)` \| `([^`]+)` \| `(.+)` \|$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, rowPath = "", header = "", value = ""]) => ({ path: rowPath, header, value }));
};

const t = useTestApp({ API_DOCS: "on" });

describe("docs/architecture.md's response headers", () => {
  const rows = documentedRows(readFileSync(ARCHITECTURE, "utf8"));

  it("state the Content-Security-Policy of a JSON response and of /api/docs", () => {
    const csp = rows.filter((row) => row.header === "content-security-policy").map((row) => row.path);
    expect(csp).toEqual(["/api/auth/providers", "/api/docs"]);
  });

  it.each(rows.map((row) => [`${row.path} ${row.header}`, row] as const))(
    "%s is what buildApp sends",
    async (_name, row) => {
      const response = await t.app.inject({ method: "GET", url: row.path });
      expect(response.statusCode).toBe(200);
      expect(response.headers[row.header]).toBe(row.value);
    },
  );
});
