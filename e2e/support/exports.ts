import { createRequire } from "node:module";
import path from "node:path";
import { decode } from "fast-png";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import ts from "typescript";
import { expect } from "vitest";

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
export const pngDimensions = (bytes: Uint8Array): { width: number; height: number } => {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error("not a PNG file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

/** How many pixels of a PNG are not fully transparent. */
export const paintedPixels = (bytes: Uint8Array): number => {
  const image = decode(bytes);
  if (image.channels !== 4) return image.width * image.height;
  let painted = 0;
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i] !== 0) painted++;
  return painted;
};

export const unzip = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
export const text = (bytes: Uint8Array): string => strFromU8(bytes);

/** What a set ZIP's manifest.json says (the parts the tests read). */
export interface SetZipManifest {
  readonly files: string[];
  readonly sizes: number[];
  readonly optical: boolean;
  readonly icons: { name: string; files: { png: Record<string, string> } }[];
}

/** A set ZIP's files and its manifest, checked to list exactly the files the ZIP holds. */
export const readSetZip = (bytes: Uint8Array) => {
  const files = unzip(bytes);
  const manifest = JSON.parse(text(files["manifest.json"] ?? new Uint8Array())) as SetZipManifest;
  expect([...manifest.files].sort()).toEqual(
    Object.keys(files)
      .filter((f) => f !== "manifest.json")
      .sort(),
  );
  return { files, manifest };
};

/** Picks options in the open export dialog, by keyboard only. */
export const chooseExport = async (
  page: Page,
  options: { format: string; colors?: string; size?: number; optical?: boolean },
): Promise<void> => {
  const dialog = page.getByRole("dialog");
  const pick = async (group: string, name: string) => {
    const radio = dialog.getByRole("radiogroup", { name: group }).getByRole("radio", { name, exact: true });
    await radio.focus();
    await page.keyboard.press("Space");
    if (!(await radio.isChecked())) throw new Error(`${group} ${name} was not selected`);
  };
  await pick("Format", options.format);
  if (options.colors) await pick("Colours", options.colors);
  if (options.size !== undefined) {
    await dialog.getByRole("button", { name: /Size/ }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("option", { name: `${options.size} px`, exact: true }).focus();
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: new RegExp(`(^|\\s)${options.size} px`) }).waitFor();
  }
  if (options.optical !== undefined) {
    const box = dialog.getByRole("checkbox", { name: /Optical size/ });
    if ((await box.isChecked()) !== options.optical) {
      await box.focus();
      await page.keyboard.press("Space");
    }
  }
};

/**
 * Inlines an exported sprite into a blank page of the browser and draws `<use href="#id">` for each
 * id, as a consuming app would; returns each id with the box its drawing got (0×0 when it did not
 * resolve) and the ids of the sprite's symbols, in order.
 */
export const renderSpriteUses = async (
  browser: Browser,
  sprite: string,
  ids: readonly string[],
): Promise<{ symbols: string[]; uses: { id: string; width: number; height: number }[] }> => {
  const page = await browser.newPage();
  try {
    const uses = ids
      .map((id) => `<svg width="24" height="24" data-id="${id}"><use href="#${id}"></use></svg>`)
      .join("");
    await page.setContent(`<!doctype html><div hidden>${sprite}</div><main>${uses}</main>`);
    return await page.evaluate(() => ({
      symbols: [...document.querySelectorAll("div > svg > symbol")].map((s) => s.id),
      uses: [...document.querySelectorAll<SVGSVGElement>("main > svg")].map((svg) => {
        const use = svg.querySelector("use");
        const box = use?.getBBox() ?? { width: 0, height: 0 };
        return { id: svg.dataset.id ?? "", width: box.width, height: box.height };
      }),
    }));
  } finally {
    await page.close();
  }
};

const APP = path.resolve(import.meta.dirname, "../../apps/parametric-icons");
// React and its types belong to the web app; the exported module is checked against those.
const appRequire = createRequire(path.join(APP, "package.json"));

export interface CompiledReact {
  /** Type errors, as `file(line,col): message`; empty when the module type-checks. */
  readonly diagnostics: string[];
  /** Each exported function component rendered with react-dom/server. */
  readonly rendered: Record<string, string>;
}

/**
 * Type-checks an exported TSX module with the TypeScript compiler API (strict, against the app's
 * React types), emits CommonJS, runs it with the app's React and renders every exported function
 * component to static markup.
 */
export const compileReact = (fileName: string, source: string): CompiledReact => {
  // A virtual file inside the app, so `import ... from "react"` resolves to the app's types.
  const file = path.join(APP, "export-check", fileName);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmitOnError: false,
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? source : readFile(name));
  host.fileExists = (name) => path.resolve(name) === file || ts.sys.fileExists(name);
  host.getSourceFile = (name, version, ...rest) =>
    path.resolve(name) === file
      ? ts.createSourceFile(name, source, version, true, ts.ScriptKind.TSX)
      : getSourceFile(name, version, ...rest);
  let js = "";
  host.writeFile = (name, text) => {
    if (name.endsWith(".js")) js = text;
  };
  const program = ts.createProgram([file], options, host);
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.basename(d.file.fileName)}(${line + 1},${character + 1}): ${message}`;
  });
  if (!js) throw new Error(`TypeScript emitted nothing for ${fileName}: ${diagnostics.join("; ")}`);
  const module = { exports: {} as Record<string, unknown> };
  new Function("require", "module", "exports", js)(appRequire, module, module.exports);
  // Typed here by shape: React is the app's dependency, not the root workspace's.
  const { createElement } = appRequire("react") as { createElement: (type: unknown) => unknown };
  const { renderToStaticMarkup } = appRequire("react-dom/server") as {
    renderToStaticMarkup: (element: unknown) => string;
  };
  const rendered = Object.fromEntries(
    Object.entries(module.exports)
      .filter((entry) => typeof entry[1] === "function")
      .map(([name, component]) => [name, renderToStaticMarkup(createElement(component))]),
  );
  return { diagnostics, rendered };
};
