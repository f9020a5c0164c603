import type { ExportFormat, ExportIcon, PngExportSize } from "@parametric-portal/icon-kit/export-options";
import { unzipSync } from "fflate";
import { useEffect, useMemo, useState } from "react";
import {
  Button,
  Checkbox,
  Dialog,
  Heading,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  ModalOverlay,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Text,
  TextArea,
} from "react-aria-components";
import { errorMessage } from "../lib/api-client";
import {
  COLOR_LABELS,
  COLORS,
  DEFAULT_CHOICES,
  type ExportChoices,
  exportRequest,
  FORMAT_LABELS,
  FORMATS,
  formatAllowed,
  OPTICAL_MAX,
  SIZES,
} from "../lib/export-request";
import { downloadFile, type ExportedFile, fileBlob, runExport } from "../lib/export-run";
import type { ExportTarget } from "../state/export-actions";
import { useToast } from "../state/toasts";
import { svgDataUrl } from "./svg-image";
import { buttonPrimary, buttonSecondary, focusRing, label } from "./ui";

/** Waits this long after the last change before redrawing the preview, so typing keys stays quick. */
const PREVIEW_DELAY_MS = 150;
/** Text previews show the start of the file; the download has all of it. */
const TEXT_PREVIEW_CHARS = 4000;

const radio = `rounded px-2.5 py-1 text-xs font-medium text-zinc-700 selected:bg-sky-700 selected:text-white disabled:opacity-40 dark:text-zinc-200 ${focusRing}`;
const radioGroup = "flex flex-wrap gap-1 rounded-md border border-zinc-300 p-0.5 dark:border-zinc-600";
const checkbox = `group flex items-center gap-2 text-sm disabled:opacity-50 ${focusRing} rounded`;

type Loaded =
  | { readonly state: "loading" }
  | { readonly state: "ready"; readonly icons: readonly ExportIcon[] }
  | { readonly state: "failed"; readonly message: string };

type Preview =
  | { readonly state: "working" }
  | { readonly state: "done"; readonly key: string; readonly file: ExportedFile }
  | { readonly state: "failed"; readonly message: string };

const FORMAT_HELP: Readonly<Record<ExportFormat, string>> = {
  svg: "One optimised SVG file.",
  png: "One PNG at the size below.",
  sprite: "One SVG with a <symbol> per icon, to use with <use href>.",
  react: "A TSX component (one module for a set).",
  vue: "A Vue single-file component (one for a set).",
  zip: "SVG, PNG at the size below, sprite, React and Vue, with manifest.json.",
};

/**
 * Export of one icon or a set through icon-kit's `exportIcons`: format, colours, ids, title, size
 * and optical size, a live preview of the exact file, and Download. Lazy-loaded with its exporters.
 */
export default function ExportDialog({ target, onClose }: { target: ExportTarget; onClose: () => void }) {
  const toast = useToast();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  // A set cannot be one SVG or PNG: it starts on the sprite.
  const [choices, setChoices] = useState<ExportChoices>(() =>
    formatAllowed(DEFAULT_CHOICES.format, target.count)
      ? DEFAULT_CHOICES
      : { ...DEFAULT_CHOICES, format: "sprite" },
  );
  const [preview, setPreview] = useState<Preview>({ state: "working" });
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    let live = true;
    target.load().then(
      (icons) => {
        if (!live) return;
        setLoaded({ state: "ready", icons });
        // A set cannot be one SVG or PNG: start it on the sprite.
        if (icons.length > 1)
          setChoices((c) => (formatAllowed(c.format, 2) ? c : { ...c, format: "sprite" }));
      },
      (error: unknown) => live && setLoaded({ state: "failed", message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [target]);

  const icons = loaded.state === "ready" ? loaded.icons : null;
  const key = JSON.stringify(choices);
  useEffect(() => {
    if (!icons) return;
    let live = true;
    setPreview({ state: "working" });
    const t = setTimeout(() => {
      runExport(icons, exportRequest(choices)).then(
        (file) => live && setPreview({ state: "done", key, file }),
        (error: unknown) => live && setPreview({ state: "failed", message: errorMessage(error) }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [icons, choices, key]);

  const set = <K extends keyof ExportChoices>(k: K, v: ExportChoices[K]) =>
    setChoices((c) => ({ ...c, [k]: v }));

  const download = async () => {
    // A second press while the first file is being made is dropped (the button stays focusable).
    if (!icons || downloading) return;
    setDownloading(true);
    try {
      const file =
        preview.state === "done" && preview.key === key
          ? preview.file
          : await runExport(icons, exportRequest(choices));
      downloadFile(file);
      toast.show("success", `Downloaded ${file.fileName}.`);
    } catch (error) {
      toast.show("error", errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const count = icons?.length ?? target.count;
  const opticalApplies = choices.size <= OPTICAL_MAX;
  return (
    <ModalOverlay
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable
      className="fixed inset-0 z-40 flex items-center justify-center bg-black/50 p-2 md:p-4"
    >
      <Modal className="max-h-full w-full max-w-2xl overflow-y-auto rounded-xl bg-white p-4 text-zinc-900 shadow-xl md:p-5 dark:bg-zinc-800 dark:text-zinc-50">
        <Dialog className="flex flex-col gap-4 outline-none">
          <Heading slot="title" className="text-lg font-semibold">
            {target.heading}
          </Heading>
          {loaded.state === "loading" && <p className="text-sm">Reading the icons…</p>}
          {loaded.state === "failed" && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {loaded.message}
            </p>
          )}
          <div className="grid gap-4 md:grid-cols-2">
            <div className="flex flex-col gap-3">
              <RadioGroup
                value={choices.format}
                onChange={(v) => set("format", v as ExportFormat)}
                orientation="horizontal"
                className="flex flex-col gap-1"
              >
                <Label className={label}>Format</Label>
                <div className={radioGroup}>
                  {FORMATS.map((f) => (
                    <Radio key={f} value={f} className={radio} isDisabled={!formatAllowed(f, count)}>
                      {FORMAT_LABELS[f]}
                    </Radio>
                  ))}
                </div>
                <Text slot="description" className="text-xs text-zinc-600 dark:text-zinc-300">
                  {FORMAT_HELP[choices.format]}
                  {count > 1 && " SVG and PNG export one icon: for a set choose Sprite, React, Vue or ZIP."}
                </Text>
              </RadioGroup>
              <RadioGroup
                value={choices.colors}
                onChange={(v) => set("colors", v as ExportChoices["colors"])}
                orientation="horizontal"
                className="flex flex-col gap-1"
              >
                <Label className={label}>Colours</Label>
                <div className={radioGroup}>
                  {COLORS.map((c) => (
                    <Radio key={c} value={c} className={radio}>
                      {COLOR_LABELS[c]}
                    </Radio>
                  ))}
                </div>
                <Text slot="description" className="text-xs text-zinc-600 dark:text-zinc-300">
                  {choices.colors === "palette"
                    ? "The palette's fixed colours."
                    : choices.colors === "currentColor"
                      ? "One colour, the surrounding text's; grips become hollow squares."
                      : "var(--pp-primary) and friends, with the palette's colours as fallback."}
                </Text>
              </RadioGroup>
              <Checkbox isSelected={choices.ids} onChange={(v) => set("ids", v)} className={checkbox}>
                <CheckMark />
                Keep layer ids
              </Checkbox>
              <Checkbox isSelected={choices.title} onChange={(v) => set("title", v)} className={checkbox}>
                <CheckMark />
                Add a &lt;title&gt; with the name
              </Checkbox>
              <Select
                value={choices.size}
                onChange={(v) => v !== null && set("size", Number(v) as PngExportSize)}
                className="flex flex-col gap-1"
              >
                <Label className={label}>Size</Label>
                <Button className={`${buttonSecondary} justify-between`}>
                  <SelectValue />
                  <span aria-hidden="true">▾</span>
                </Button>
                <Text slot="description" className="text-xs text-zinc-600 dark:text-zinc-300">
                  {choices.format === "png" || choices.format === "zip"
                    ? "The PNG's width and height in pixels."
                    : "With optical size, the size the drawing is made for."}
                </Text>
                <Popover className="max-h-64 min-w-(--trigger-width) overflow-y-auto rounded-lg border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-50">
                  <ListBox className="outline-none">
                    {SIZES.map((s) => (
                      <ListBoxItem
                        key={s}
                        id={s}
                        textValue={`${s} px`}
                        className="cursor-default rounded px-3 py-1.5 text-sm outline-none focused:bg-sky-700 focused:text-white selected:font-semibold"
                      >
                        {`${s} px`}
                      </ListBoxItem>
                    ))}
                  </ListBox>
                </Popover>
              </Select>
              <Checkbox
                isSelected={choices.optical && opticalApplies}
                isDisabled={!opticalApplies}
                onChange={(v) => set("optical", v)}
                className={checkbox}
              >
                <CheckMark />
                Optical size (heavier strokes and grips at 16–24 px)
              </Checkbox>
            </div>
            <section aria-label="Preview" className="flex min-w-0 flex-col gap-2">
              <span className={label}>Preview</span>
              <PreviewView preview={preview} choices={choices} />
            </section>
          </div>
          <div className="flex justify-end gap-2">
            <Button className={buttonSecondary} onPress={onClose}>
              Close
            </Button>
            <Button
              className={buttonPrimary}
              onPress={() => void download()}
              // Not disabled while preparing: a disabled button drops keyboard focus to the page,
              // where Escape no longer reaches the dialog.
              isDisabled={!icons}
              aria-busy={downloading || undefined}
              autoFocus
            >
              {downloading ? "Preparing…" : "Download"}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function CheckMark() {
  return (
    <span
      aria-hidden="true"
      className="flex h-4 w-4 items-center justify-center rounded border border-zinc-500 text-[10px] text-white group-selected:border-sky-700 group-selected:bg-sky-700"
    >
      ✓
    </span>
  );
}

/** The exported file itself: images drawn on a light and a dark strip, text and ZIP contents listed. */
function PreviewView({ preview, choices }: { preview: Preview; choices: ExportChoices }) {
  const [url, setUrl] = useState<string | null>(null);
  const file = preview.state === "done" ? preview.file : null;
  const isPng = file?.contentType === "image/png";
  const zipNames = useMemo(
    () => (file?.contentType === "application/zip" ? Object.keys(unzipSync(file.bytes)).sort() : null),
    [file],
  );
  useEffect(() => {
    if (!file || !isPng) return setUrl(null);
    const u = URL.createObjectURL(fileBlob(file));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file, isPng]);

  if (preview.state === "working") return <p className="text-sm">Drawing the preview…</p>;
  if (preview.state === "failed")
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {preview.message}
      </p>
    );
  const { fileName, bytes } = preview.file;
  const caption = (
    <p className="truncate text-xs text-zinc-600 dark:text-zinc-300" data-testid="export-file-name">
      {fileName} · {formatBytes(bytes.byteLength)}
    </p>
  );
  // Shown at its real pixel size (up to 128) so small sizes can be judged as they will look.
  const px = Math.min(choices.size, 128);
  const strips = (src: string) => (
    <div className="grid grid-cols-2 overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-600">
      {(["bg-white text-zinc-900", "bg-zinc-900 text-zinc-50"] as const).map((bg, i) => (
        <div key={bg} className={`flex h-36 items-center justify-center ${bg}`}>
          <img
            src={src}
            width={px}
            height={px}
            alt={i === 0 ? `${fileName} on light` : `${fileName} on dark`}
          />
        </div>
      ))}
    </div>
  );
  if (isPng)
    return url ? (
      <>
        {strips(url)}
        {caption}
      </>
    ) : null;
  if (choices.format === "svg")
    return (
      <>
        {strips(svgDataUrl(new TextDecoder().decode(bytes)))}
        {caption}
      </>
    );
  // Text in a read-only text box: it scrolls, it is reachable by keyboard and it can be selected.
  const body = zipNames
    ? zipNames.join("\n")
    : (() => {
        const text = new TextDecoder().decode(bytes);
        return text.length > TEXT_PREVIEW_CHARS ? `${text.slice(0, TEXT_PREVIEW_CHARS)}\n…` : text;
      })();
  return (
    <>
      <TextArea
        readOnly
        aria-label={zipNames ? `Files in ${fileName}` : `Start of ${fileName}`}
        value={body}
        rows={12}
        spellCheck={false}
        className={`w-full resize-none rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-50 ${focusRing}`}
      />
      {caption}
    </>
  );
}

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`);
