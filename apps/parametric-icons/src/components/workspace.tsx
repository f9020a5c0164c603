import type { PublicUser as User } from "@parametric-portal/contracts/auth";
import type { CreateIconBody as GenerateRequest, Asset as Icon } from "@parametric-portal/contracts/icons";
import { TOOL_LABELS } from "@parametric-portal/icon-kit/tool-catalog";
import { lazy, Suspense } from "react";
import { apiJson, errorMessage } from "../lib/api-client";
import { checkSvgUpload } from "../lib/svg-upload";
import { useAttachments } from "../state/attachments";
import { type DrawerTab, useDrawer } from "../state/drawer";
import { useExportActions } from "../state/export-actions";
import { useGeneration } from "../state/generation";
import { useGenerationSettings } from "../state/generation-settings";
import { useIconWrites, useKeepIcon } from "../state/icons";
import { describeChanges, describeEdit, useLiveParams } from "../state/live-params";
import { PHONE_QUERY, useMediaQuery } from "../state/media-query";
import { useOpenIcon } from "../state/open-icon";
import { usePromptDraft } from "../state/prompt-draft";
import { useSessionLog } from "../state/session-log";
import { useShortcuts } from "../state/shortcuts";
import { useStageOverlays } from "../state/stage-overlays";
import { useToast } from "../state/toasts";
import { CommandBar, promptOverflow } from "./command-bar";
import { Drawer } from "./drawer";
import { FindingsList } from "./findings-list";
import { ParameterControls } from "./parameter-controls";
import { IconReading, PromptAnswerNotice } from "./prompt-answer";
import { Rail, TABS } from "./rail";
import { Stage } from "./stage";

// Drawer panels load the first time they open: most visits never open most of them.
const AccountPanel = lazy(() => import("./panels/account-panel").then((m) => ({ default: m.AccountPanel })));
const HistoryPanel = lazy(() => import("./panels/history-panel").then((m) => ({ default: m.HistoryPanel })));
const InspectorPanel = lazy(() =>
  import("./panels/inspector-panel").then((m) => ({ default: m.InspectorPanel })),
);
const LibraryPanel = lazy(() => import("./panels/library-panel").then((m) => ({ default: m.LibraryPanel })));
const SetsPanel = lazy(() => import("./panels/sets-panel").then((m) => ({ default: m.SetsPanel })));
const SessionPanel = lazy(() => import("./panels/session-panel").then((m) => ({ default: m.SessionPanel })));

// A computed key: Biome reads a capitalised property holding a function as a component.
const ESCAPE = "Escape";

const TITLES: Record<DrawerTab, string> = {
  history: "History",
  inspector: "Inspector",
  library: "Library",
  session: "Session",
  sets: "Sets",
  account: "Account",
};

export function Workspace({ user }: { user: User }) {
  const shown = useOpenIcon();
  const settings = useGenerationSettings();
  const refs = useAttachments();
  const overlays = useStageOverlays();
  const drawer = useDrawer();
  const { log, addLog } = useSessionLog();
  const draft = usePromptDraft();
  const phone = useMediaQuery(PHONE_QUERY);
  const toast = useToast();
  const generation = useGeneration();
  const exports = useExportActions(shown.icon, shown.variantIndex);
  const live = useLiveParams(shown.icon, shown.variantIndex);
  const keepIcon = useKeepIcon();
  // Kept or renamed in a panel: the stage's copy follows (update ignores other icons).
  useIconWrites(shown.update);
  // An opened icon's palette becomes the palette for the next generation.
  const openIcon = (icon: Icon, options?: { readonly reveal?: boolean }) => {
    shown.open(icon, options);
    settings.setPalette(icon.colorMode);
  };
  // Keep / Kept on the stage: the library holds what the user kept; History has every generation.
  const setKept = (kept: boolean) => {
    const icon = shown.icon;
    // One change at a time: a second press while the first is on its way is dropped.
    if (!icon || keepIcon.isPending) return;
    keepIcon.mutate(
      // The shown variant is the user's pick; the API names variants by `index`, the stage by position.
      { id: icon.id, kept, variant: icon.variants[shown.variantIndex]?.index },
      {
        // The pressed button says it; a toast would repeat it. useIconWrites updates the stage.
        onError: (error) => toast.show("error", errorMessage(error)),
      },
    );
  };
  // On phones the drawer covers the stage: after opening an icon from it, show the icon.
  const openAndShow = (icon: Icon) => {
    openIcon(icon);
    if (phone) drawer.hide();
  };
  const attachSvg = (prompt: string, svg: string | undefined) => {
    if (!svg) return;
    const skipped = refs.attach([{ name: `${prompt}.svg`, svg }]);
    if (skipped.length) toast.show("info", skipped.join(" "));
    else toast.show("success", `Attached “${prompt}” as a style reference.`);
  };
  const attachIcon = (icon: Icon, index = 0) => attachSvg(icon.prompt, icon.variants[index]?.svg);

  /** The list carries one thumbnail per icon: opening one reads its variants from the API. */
  const openById = async (id: string): Promise<boolean> => {
    const known = shown.history.find((i) => i.id === id);
    if (known) {
      openAndShow(known);
      return true;
    }
    try {
      openAndShow((await apiJson<{ icon: Icon }>(`/icons/${encodeURIComponent(id)}`)).icon);
      return true;
    } catch (error) {
      toast.show("error", errorMessage(error));
      return false;
    }
  };

  const submit = async () => {
    const text = draft.prompt.trim();
    if (!text || generation.running || promptOverflow(draft.prompt) > 0) return;
    const refining = settings.mode === "refine";
    const parent = shown.icon;
    if (refining && !parent) {
      toast.show(
        "error",
        "Refine needs an icon: open one from History or Library first, or switch to Create.",
      );
      return;
    }
    const outcome = await run({
      prompt: text,
      intent: settings.mode,
      colorMode: settings.palette,
      variantCount: settings.batch ? settings.variantCount : 1,
      engine: settings.engine,
      ...(refining && parent && { parentId: parent.id, parentVariant: shown.variantIndex }),
      ...(refs.attachments.length > 0 && { attachments: refs.attachments }),
    });
    if (outcome === "done") {
      draft.setPrompt("");
      refs.clear();
    }
  };

  // The live controls' Save: the redrawn icon becomes a refinement of the shown variant.
  const saveEdit = async () => {
    const parent = shown.icon;
    if (!live || !parent || live.changes.length === 0 || generation.running) return;
    await run({
      prompt: describeEdit(live.changes),
      intent: "refine",
      colorMode: parent.colorMode,
      variantCount: 1,
      engine: "local",
      parentId: parent.id,
      parentVariant: shown.variantIndex,
      params: Object.fromEntries(live.changes.map((c) => [c.key, c.to])),
    });
  };

  const run = async (request: GenerateRequest): Promise<"done" | "not-done"> => {
    const refining = request.intent === "refine";
    addLog("prompt", `${refining ? "Refine" : "Create"}: ${request.prompt}`);
    draft.setAnswer(null);
    const outcome = await generation.start(request, (p) => addLog("system", p.message));
    if (outcome.kind === "done") {
      // The variant picker takes focus once it shows the result, so [ ] and d work without a click.
      openIcon(outcome.icon, { reveal: true });
      const n = outcome.icon.variants.length;
      const changed = describeChanges(outcome.changes);
      addLog("system", `Done: ${n} variant${n === 1 ? "" : "s"} (${outcome.icon.engine}).`);
      // Every generation is in History; only Keep puts an icon in the Library.
      toast.show(
        "success",
        changed
          ? `Refined: ${changed}. In History; Keep adds it to your Library.`
          : `${refining ? "Refined" : "Generated"} ${n} variant${n === 1 ? "" : "s"}. In History; Keep adds it to your Library.`,
      );
    } else if (outcome.kind === "not-understood" || outcome.kind === "refused") {
      addLog("error", outcome.answer.message);
      draft.setAnswer(outcome);
    } else if (outcome.kind === "cancelled") {
      addLog("system", "Cancelled.");
      toast.show("info", "Generation cancelled. Your prompt is still in the box.");
    } else if (outcome.kind === "failed") {
      addLog("error", outcome.message);
      toast.show("error", outcome.message);
    }
    return outcome.kind === "done" ? "done" : "not-done";
  };

  const onFiles = async (files: FileList | null) => {
    const results = await Promise.all([...(files ?? [])].map(checkSvgUpload));
    const errors = results.flatMap((r) => (r.ok ? [] : [r.message]));
    const known = new Set(refs.attachments.map((a) => a.svg));
    const skipped = refs.attach(
      results.flatMap((r) => (r.ok ? [{ ...r.attachment, removed: r.removed }] : [])),
    );
    for (const message of [...errors, ...skipped]) toast.show("error", message);
    // A duplicate is not attached again; "already attached" above says so.
    for (const r of results)
      if (r.ok && r.removed && !known.has(r.attachment.svg))
        toast.show(
          "info",
          `${r.attachment.name} attached; ${r.removed} removed (only drawing elements are kept).`,
        );
  };

  useShortcuts({
    "/": () => draft.promptRef.current?.focus(),
    "[": () => shown.stepVariant(-1),
    "]": () => shown.stepVariant(1),
    g: () => overlays.setGrid(!overlays.grid),
    a: () => overlays.setSafeArea(!overlays.safeArea),
    c: () => void exports.copySvg(),
    d: () => void exports.downloadSvg(),
    // false: nothing to cancel or close, so Escape goes on to the focused control.
    [ESCAPE]: () => {
      if (generation.running) generation.cancel();
      else if (drawer.drawer) drawer.close();
      else return false;
    },
    ...Object.fromEntries(TABS.map((t) => [t.key, () => drawer.toggle(t.id)])),
  });

  const panel = (tab: DrawerTab) => {
    switch (tab) {
      case "history":
        return (
          <HistoryPanel
            session={shown.history}
            currentId={shown.icon?.id}
            onOpen={(icon) => void openById(icon.id)}
          />
        );
      case "inspector":
        return (
          <InspectorPanel
            icon={shown.icon}
            variantIndex={shown.variantIndex}
            onOpenParent={(id) => void openById(id)}
          />
        );
      case "library":
        return (
          <LibraryPanel
            onOpen={(icon) =>
              void openById(icon.id).then(
                (opened) => opened && toast.show("info", `Opened “${icon.prompt}”.`),
              )
            }
            onAttach={(icon) => attachSvg(icon.prompt, icon.thumbnailSvg)}
            onDeleted={shown.forget}
          />
        );
      case "session":
        return <SessionPanel log={log} />;
      case "sets":
        return <SetsPanel shown={shown.icon} variantIndex={shown.variantIndex} />;
      case "account":
        return <AccountPanel user={user} />;
    }
  };

  return (
    // From md up the shell is exactly one screen tall and only <main> scrolls, so the rail and the
    // drawer stay in place; phones scroll the page as usual above the fixed bottom bar.
    <div className="flex min-h-dvh flex-col md:h-dvh md:flex-row md:overflow-hidden">
      <Rail user={user} open={drawer.drawer} onOpen={drawer.toggle} />
      {drawer.drawer && (
        <Drawer title={TITLES[drawer.drawer]} onClose={drawer.close} wide={drawer.drawer === "library"}>
          <Suspense fallback={<p className="text-sm">Loading…</p>}>{panel(drawer.drawer)}</Suspense>
        </Drawer>
      )}
      {/* On phones an open drawer covers <main>; inert keeps focus and screen readers out of it. */}
      <main
        inert={phone && drawer.drawer !== null}
        className="flex flex-1 flex-col items-center gap-4 overflow-y-auto p-3 pb-20 md:p-6"
      >
        <CommandBar
          settings={settings}
          openPrompt={shown.icon?.prompt ?? null}
          attachments={refs.attachments}
          removed={refs.removed}
          onDetach={refs.detach}
          prompt={draft.prompt}
          onPromptChange={draft.setPrompt}
          onSubmit={() => void submit()}
          onCancel={generation.cancel}
          onFiles={(files) => void onFiles(files)}
          running={generation.running}
          promptRef={draft.promptRef}
          answer={
            draft.answer && (
              <PromptAnswerNotice
                value={draft.answer}
                onSuggestion={draft.suggest}
                onDismiss={() => draft.setAnswer(null)}
              />
            )
          }
        />
        <div className="flex w-full flex-col items-center gap-4 md:flex-row md:items-start md:justify-center">
          <Stage
            icon={shown.icon}
            variantIndex={shown.variantIndex}
            onVariant={shown.setVariantIndex}
            onStep={shown.stepVariant}
            palette={settings.palette}
            overlays={overlays}
            liveSvg={live?.svg ?? null}
            exports={exports}
            progress={generation.progress}
            running={generation.running}
            onCancel={generation.cancel}
            onExample={draft.suggest}
            onUseAsReference={() => shown.icon && attachIcon(shown.icon, shown.variantIndex)}
            keep={{ kept: shown.icon?.kept === true, pending: keepIcon.isPending, onChange: setKept }}
            reveal={shown.revealPending}
            onRevealed={shown.revealed}
          />
          {live && (
            <ParameterControls
              live={live}
              toolLabel={TOOL_LABELS[live.tool]}
              saving={generation.running}
              onSave={() => void saveEdit()}
            />
          )}
        </div>
        <IconReading understood={shown.icon?.understood} unknown={shown.icon?.notUnderstood} />
        <FindingsList variant={shown.icon?.variants[shown.variantIndex]} />
        <p className="hidden text-xs text-zinc-600 md:block dark:text-zinc-400">
          Shortcuts: / prompt · Enter generate · Esc cancel/close · [ ] variants (← → in Compare) · g grid · a
          safe area · c copy · d download · {TABS.map((t) => `${t.key} ${t.label}`).join(" · ")}
        </p>
      </main>
    </div>
  );
}
