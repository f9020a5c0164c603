import { ICON_LIMITS } from "@parametric-portal/contracts/limits";
import { type FormEvent, type ReactNode, type RefObject, useEffect } from "react";
import {
  Button,
  Dialog,
  DialogTrigger,
  FileTrigger,
  Group,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  NumberField,
  TextField,
} from "react-aria-components";
import type { Attachment, ColorMode, Engine, Intent } from "../lib/types";
import type { GenerationSettings } from "../state/generation-settings";
import { PHONE_QUERY, useMediaQuery } from "../state/media-query";
import { useMe } from "../state/session";
import { ChoiceGroup } from "./choice-group";
import { IconButton } from "./icon-button";
import { SvgImage } from "./svg-image";
import { buttonGhost, buttonPrimary, focusRing, label } from "./ui";

const MODES = [
  { id: "create", label: "Create" },
  { id: "refine", label: "Refine" },
] as const;
const OUTPUTS = [
  { id: "single", label: "Single" },
  { id: "batch", label: "Batch" },
] as const;
const PALETTES = [
  { id: "dark", label: "Dark" },
  { id: "light", label: "Light" },
] as const;
// "Auto" uses Claude when a key is available (yours first, else the server's), otherwise the local engine.
const CLAUDE_UNAVAILABLE =
  "Claude is off: the server has no Anthropic key. Add your Anthropic key in Account to use Claude.";
const enginesFor = (anthropic: "user" | "server" | null | undefined) =>
  [
    { id: "auto", label: "Auto" },
    { id: "local", label: "Local" },
    {
      id: "anthropic",
      label: "Claude",
      ...(anthropic === null && { disabledReason: CLAUDE_UNAVAILABLE }),
    },
  ] as const satisfies readonly { id: Engine; label: string; disabledReason?: string }[];

export function CommandBar(props: {
  readonly settings: GenerationSettings;
  /** The prompt of the icon on the stage, which Refine changes; null when none is open. */
  readonly openPrompt: string | null;
  readonly attachments: readonly Attachment[];
  /** What the sanitiser removed from an attachment, by its SVG (shown on its chip). */
  readonly removed?: Readonly<Record<string, string>>;
  readonly onDetach: (svg: string) => void;
  readonly prompt: string;
  readonly onPromptChange: (text: string) => void;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  readonly onFiles: (files: FileList | null) => void;
  readonly running: boolean;
  readonly promptRef: RefObject<HTMLInputElement | null>;
  /** What the engine made of the last prompt when it could not be used (shown under the prompt). */
  readonly answer?: ReactNode;
}) {
  const { settings: ws } = props;
  // Undefined while /auth/me loads: Claude stays choosable rather than flickering off.
  const anthropicKey = useMe().data?.engines.anthropic;
  const claudeOff = anthropicKey === null;
  // A choice that can no longer run (the key was deleted) falls back to Auto, which can.
  useEffect(() => {
    if (claudeOff && ws.engine === "anthropic") ws.setEngine("auto");
  }, [claudeOff, ws.engine, ws.setEngine]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  const refineTarget = ws.mode === "refine" ? props.openPrompt : null;
  const over = promptOverflow(props.prompt);
  // On phones the options fold into a sheet so the prompt, the stage and its variant picker fit
  // above the fold; from md up they stay inline.
  const phone = useMediaQuery(PHONE_QUERY);
  const engines = enginesFor(anthropicKey);
  const options = (
    <div className="flex flex-wrap items-end gap-3">
      <ChoiceGroup<Intent> label="Mode" value={ws.mode} onChange={ws.setMode} options={MODES} />
      <ChoiceGroup
        label="Output"
        value={ws.batch ? "batch" : "single"}
        onChange={(v) => ws.setBatch(v === "batch")}
        options={OUTPUTS}
      >
        {ws.batch && (
          <NumberField
            minValue={2}
            maxValue={ICON_LIMITS.maxVariants}
            value={ws.variantCount}
            onChange={(v) => ws.setVariantCount(Number.isFinite(v) ? v : 3)}
            className="flex items-center gap-1"
          >
            <Label className={label}>Variants</Label>
            <Group className="flex rounded-md border border-zinc-300 focus-within:ring-2 focus-within:ring-sky-500 dark:border-zinc-600">
              <Button slot="decrement" className={`px-2 ${focusRing}`}>
                −
              </Button>
              <Input className="w-8 bg-transparent text-center text-sm outline-none" />
              <Button slot="increment" className={`px-2 ${focusRing}`}>
                +
              </Button>
            </Group>
          </NumberField>
        )}
      </ChoiceGroup>
      <ChoiceGroup<ColorMode>
        label="Icon palette"
        value={ws.palette}
        onChange={ws.setPalette}
        options={PALETTES}
      />
      <ChoiceGroup<Engine> label="Engine" value={ws.engine} onChange={ws.setEngine} options={engines} />
    </div>
  );
  const summary = [
    MODES.find((m) => m.id === ws.mode)?.label,
    ws.batch ? `${ws.variantCount} variants` : "Single",
    PALETTES.find((p) => p.id === ws.palette)?.label,
    engines.find((e) => e.id === ws.engine)?.label,
  ].join(" · ");
  return (
    <section aria-label="Command bar" className="flex w-full max-w-3xl flex-col gap-2">
      <div className="flex items-baseline justify-between gap-2">
        {/* Focusable so sign-in can land keyboard and screen reader users here (app.tsx). */}
        <h1 tabIndex={-1} className="text-lg font-semibold outline-none">
          Parametric Icons
        </h1>
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-300" aria-live="polite">
          {refineTarget !== null
            ? `Refining “${refineTarget}”`
            : ws.mode === "refine"
              ? "Open an icon to refine it"
              : "Create a new icon"}
        </p>
      </div>
      {props.attachments.length > 0 && (
        <ul aria-label="Style references" className="flex flex-wrap gap-2">
          {props.attachments.map((a) => (
            <li
              key={a.svg}
              className="flex items-center gap-1.5 rounded-full border border-zinc-300 bg-white py-0.5 pr-1 pl-1 text-xs dark:border-zinc-600 dark:bg-zinc-800"
            >
              <SvgImage svg={a.svg} alt="" className="h-5 w-5 rounded bg-white" />
              <span className="max-w-32 truncate">{a.name}</span>
              {props.removed?.[a.svg] && (
                <span data-testid="reference-removed" className="text-amber-800 dark:text-amber-300">
                  {props.removed[a.svg]} removed
                </span>
              )}
              <Button
                aria-label={`Remove reference ${a.name}`}
                className={`rounded-full px-1.5 ${focusRing}`}
                onPress={() => props.onDetach(a.svg)}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={submit}
        className="flex items-center gap-1 rounded-full border border-zinc-300 bg-white p-1 shadow-sm focus-within:border-sky-500 focus-within:ring-2 focus-within:ring-sky-500 dark:border-zinc-600 dark:bg-zinc-900"
      >
        <FileTrigger acceptedFileTypes={["image/svg+xml", ".svg"]} allowsMultiple onSelect={props.onFiles}>
          <IconButton
            label="Add SVG style reference"
            className={`${buttonGhost} rounded-full`}
            onPress={() => {}}
          >
            +
          </IconButton>
        </FileTrigger>
        <TextField
          value={props.prompt}
          onChange={props.onPromptChange}
          aria-label="Prompt: describe what the tool does"
          aria-describedby="prompt-count"
          isInvalid={over > 0}
          className="flex-1"
        >
          <Input
            ref={props.promptRef}
            // Phones get shorter examples: the box is about 200 px wide there and the longer
            // ones would be cut off mid-word.
            placeholder={
              ws.mode === "refine"
                ? phone
                  ? "How should it change?"
                  : "How should it change? e.g. thicker arc"
                : phone
                  ? "e.g. arc through 3 points"
                  : "e.g. arc through three points"
            }
            className="w-full min-w-0 text-ellipsis bg-transparent px-2 py-1.5 text-base outline-none placeholder:text-zinc-500 dark:placeholder:text-zinc-400"
            aria-keyshortcuts="/"
          />
        </TextField>
        {props.running ? (
          <Button
            className={`${buttonGhost} rounded-full`}
            onPress={props.onCancel}
            aria-label="Cancel generation"
          >
            <span
              className="h-4 w-4 animate-spin rounded-full motion-reduce:animate-none border-2 border-zinc-400 border-t-sky-600"
              aria-hidden="true"
            />
            Cancel
          </Button>
        ) : (
          <Button
            type="submit"
            className={`${buttonPrimary} rounded-full`}
            isDisabled={!props.prompt.trim() || over > 0}
          >
            {ws.mode === "refine" ? "Refine" : "Generate"}
          </Button>
        )}
      </form>
      <PromptCount length={props.prompt.length} />
      {props.answer}
      {phone ? (
        <DialogTrigger>
          <Button className={`${buttonGhost} border border-zinc-300 dark:border-zinc-600`}>
            <span>Options</span>
            <span className="truncate text-xs font-normal text-zinc-600 dark:text-zinc-300">{summary}</span>
          </Button>
          {/* A sheet from the top, next to the button that opens it and clear of the toasts,
              which sit at the bottom above the rail (state/toasts.tsx). */}
          <ModalOverlay isDismissable className="fixed inset-0 z-40 flex items-start bg-black/50">
            <Modal className="max-h-[85dvh] w-full overflow-y-auto rounded-b-2xl bg-white p-4 pt-[max(1rem,env(safe-area-inset-top))] text-zinc-900 shadow-xl dark:bg-zinc-900 dark:text-zinc-50">
              <Dialog className="flex flex-col gap-4 outline-none">
                {({ close }) => (
                  <>
                    <div className="flex items-center justify-between">
                      <Heading slot="title" className="font-semibold">
                        Generation options
                      </Heading>
                      <Button className={buttonPrimary} onPress={close}>
                        Done
                      </Button>
                    </div>
                    {options}
                  </>
                )}
              </Dialog>
            </Modal>
          </ModalOverlay>
        </DialogTrigger>
      ) : (
        options
      )}
    </section>
  );
}

/** How many characters the prompt is over the limit the API accepts (0 when it fits). */
export const promptOverflow = (prompt: string): number =>
  Math.max(0, prompt.length - ICON_LIMITS.promptMaxLength);

// A pasted prompt is never cut: it stays whole, and the count says how much to shorten it.
function PromptCount({ length }: { readonly length: number }) {
  const max = ICON_LIMITS.promptMaxLength;
  const over = length - max;
  return (
    <p
      id="prompt-count"
      data-testid="prompt-count"
      aria-live="polite"
      className={`px-3 text-right text-xs tabular-nums ${
        over > 0 ? "font-medium text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"
      }`}
    >
      {length} / {max}
      {over > 0 && ` — shorten the prompt by ${over} character${over === 1 ? "" : "s"} to generate`}
    </p>
  );
}
