import path from "node:path";
import { testIcons } from "@parametric-portal/test-support/export-test-icons";
import { compileScript, compileTemplate, parse } from "@vue/compiler-sfc";
import { transformSync } from "esbuild";
import * as React from "react";
import * as jsxRuntime from "react/jsx-runtime";
import { renderToStaticMarkup } from "react-dom/server";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { reactComponent, reactSet, type SourceFile, vueComponent, vueSet } from "./export-components";

const icons = testIcons();
const here = path.dirname(new URL(import.meta.url).pathname);

/** Type-checks TSX sources in memory (strict, react-jsx) against the installed React types. */
function typeErrors(files: readonly SourceFile[]): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const virtual = new Map(files.map((f) => [path.join(here, "__generated__", f.fileName), f.source]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.directoryExists = (dir) =>
    dir === path.join(here, "__generated__") || (directoryExists?.(dir) ?? true);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.getSourceFile = (name, version, ...rest) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile(name, version, ...rest)
      : ts.createSourceFile(name, text, version, true, ts.ScriptKind.TSX);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

/** Runs a generated module with the real React, returning its exports. */
function load(source: string): Record<string, unknown> {
  const { code } = transformSync(source, { loader: "tsx", jsx: "automatic", format: "cjs" });
  const modules: Record<string, unknown> = { react: React, "react/jsx-runtime": jsxRuntime };
  const module = { exports: {} as Record<string, unknown> };
  new Function("require", "module", "exports", code)((id: string) => modules[id], module, module.exports);
  return module.exports;
}

describe("React components", () => {
  it("compile strictly and render the icon with the size prop and passed-through props", () => {
    const files = icons.map((icon) => reactComponent(icon, { colors: "currentColor" }));
    expect(typeErrors([...files, reactSet(icons, { colors: "css-vars" })])).toEqual([]);
    for (const [i, file] of files.entries()) {
      const exports = load(file.source);
      const name = file.fileName.replace(/\.tsx$/, "");
      expect(exports[name]).toBe(exports.default);
      const html = renderToStaticMarkup(
        React.createElement(exports.default as React.FC<Record<string, unknown>>, {
          size: 16,
          className: "tool",
        }),
      );
      expect(html).toMatch(/^<svg [^>]*width="16" height="16"/);
      expect(html).toContain('class="tool"');
      expect(html).toContain(`<title>${icons[i]?.name}</title>`);
      expect(html).toContain('stroke="currentColor"');
      expect(html).toMatch(/stroke-width="/);
    }
  });

  it("exports every icon of a set by its stem, css-vars styles intact", () => {
    const set = reactSet(icons, { colors: "css-vars" });
    const { icons: record } = load(set.source) as { icons: Record<string, React.FC> };
    expect(Object.keys(record)).toEqual([
      "arc-through-three-points",
      "polar-array-6",
      "offset-curve",
      "fillet",
      "measure-distance",
    ]);
    const html = renderToStaticMarkup(React.createElement(record["polar-array-6"] as React.FC));
    expect(html).toMatch(/style="stroke:var\(--pp-primary, #[0-9a-f]+\)"/);
  });

  it("fails to type-check a wrong prop, so the check is real", () => {
    const file = reactComponent(icons[0] ?? icons[1]!, {});
    const misuse = {
      fileName: "Use.tsx",
      source: `import { ${file.fileName.replace(".tsx", "")} as I } from "./${file.fileName.replace(".tsx", "")}";\nexport const x = <I size={{}} />;\n`,
    };
    expect(typeErrors([file, misuse]).join("\n")).toMatch(
      /Use\.tsx: Type '\{\}' is not assignable to type 'string \| number \| undefined'/,
    );
  });
});

function compileVue(file: SourceFile): { code: string; errors: unknown[] } {
  const { descriptor, errors } = parse(file.source, { filename: file.fileName });
  if (errors.length > 0) return { code: "", errors };
  const script = compileScript(descriptor, { id: file.fileName, inlineTemplate: true });
  const template = compileTemplate({
    source: descriptor.template?.content ?? "",
    filename: file.fileName,
    id: file.fileName,
    compilerOptions: { bindingMetadata: script.bindings ?? {} },
  });
  return { code: script.content + template.code, errors: template.errors };
}

describe("Vue components", () => {
  it("compile per icon with a size prop bound to width and height", () => {
    for (const icon of icons) {
      const file = vueComponent(icon, { colors: "currentColor" });
      expect(file.fileName).toMatch(/^[A-Z][A-Za-z0-9]*Icon\.vue$/);
      const { code, errors } = compileVue(file);
      expect(errors).toEqual([]);
      expect(code).toContain("size");
      expect(file.source).toContain(':width="size"');
    }
  });

  it("compile a set whose name prop picks each icon", () => {
    const file = vueSet(icons, { colors: "css-vars" });
    const { errors } = compileVue(file);
    expect(errors).toEqual([]);
    for (const stem of ["arc-through-three-points", "polar-array-6", "measure-distance"])
      expect(file.source).toContain(`name === '${stem}'`);
  });

  it("report a broken template, so the check is real", () => {
    const broken = {
      fileName: "Broken.vue",
      source: '<template>\n  <svg v-if="name ==="></svg>\n</template>\n',
    };
    expect(compileVue(broken).errors.length).toBeGreaterThan(0);
  });
});
