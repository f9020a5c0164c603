import { TOOL_LABELS } from "@parametric-portal/icon-kit/tool-catalog";
import { useRef, useState } from "react";
import { apiJson, errorMessage } from "../lib/api-client";
import { checkSvgUpload } from "../lib/svg-upload";
import type { GenerateRequest, Icon, User } from "../lib/types";
import { loadDraft, saveDraft } from "../state/drafts";
import { useExportActions } from "../state/export-actions";
import { useGeneration } from "../state/generation";
import { describeChanges, describeEdit, useLiveParams } from "../state/live-params";
import { PHONE_QUERY, useMediaQuery } from "../state/media-query";
import { useShortcuts } from "../state/shortcuts";
import { useToast } from "../state/toasts";
import { type DrawerTab, useWorkspaceState } from "../state/workspace-state";
import { CommandBar, promptOverflow } from "./command-bar";
import { Drawer } from "./drawer";
import { FindingsList } from "./findings-list";
import { AccountPanel } from "./panels/account-panel";
import { HistoryPanel } from "./panels/history-panel";
import { InspectorPanel } from "./panels/inspector-panel";
import { LibraryPanel } from "./panels/library-panel";
import { SessionPanel } from "./panels/session-panel";
import { ParameterControls } from "./parameter-controls";
import { IconReading, type PromptAnswer, PromptAnswerNotice } from "./prompt-answer";
import { Rail, TABS } from "./rail";
import { Stage } from "./stage";

// A computed key: Biome reads a capitalised property holding a function as a component.
const ESCAPE = "Escape";

const TITLES: Record<DrawerTab, string> = {
  history: "History",
  inspector: "Inspector",
  library: "Library",
  session: "Session",
  account: "Account",
};

export function Workspace({ user }: { user: User }) {
  const ws = useWorkspaceState();
  const phone = useMediaQuery(PHONE_QUERY);
  const toast = useToast();
  const generation = useGeneration();
  const exports = useExportActions(ws.icon, ws.variantIndex);
  const [prompt, setPromptState] = useState(loadDraft);
  const promptRef = useRef<HTMLInputElement>(null);
  const [answer, setAnswer] = useState<PromptAnswer | null>(null);
  const setPrompt = (text: string) => {
    setPromptState(text);
    saveDraft(text);
    setAnswer(null);
  };
  const live = useLiveParams(ws.icon, ws.variantIndex);
  const toggleDrawer = (tab: DrawerTab) => ws.setDrawer(ws.drawer === tab ? null : tab);
  // Closing the drawer unmounts whatever had focus inside it; hand focus back to its rail tab so
  // keyboard users are not dropped at the top of the page.
  const closeDrawer = () => {
    const tab = ws.drawer;
    ws.setDrawer(null);
    if (!tab) return;
    requestAnimationFrame(() => {
      if (document.activeElement === document.body || document.activeElement === null)
        document.querySelector<HTMLElement>(`[data-tab="${tab}"]`)?.focus();
    });
  };
  // On phones the drawer covers the stage: after opening an icon from it, show the icon.
  const openAndShow = (icon: Icon) => {
    ws.openIcon(icon);
    if (phone) ws.setDrawer(null);
  };
  const attachSvg = (prompt: string, svg: string | undefined) => {
    if (!svg) return;
    const skipped = ws.attach([{ name: `${prompt}.svg`, svg }]);
    if (skipped.length) toast.show("info", skipped.join(" "));
    else toast.show("success", `Attached “${prompt}” as a style reference.`);
  };
  const attachIcon = (icon: Icon, index = 0) => attachSvg(icon.prompt, icon.variants[index]?.svg);

  /** The list carries one thumbnail per icon: opening one reads its variants from the API. */
  const openById = async (id: string): Promise<boolean> => {
    const known = ws.history.find((i) => i.id === id);
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
    const text = prompt.trim();
    if (!text || generation.running || promptOverflow(prompt) > 0) return;
    const refining = ws.mode === "refine";
    const parent = ws.icon;
    if (refining && !parent) {
      toast.show(
        "error",
        "Refine needs an icon: open one from History or Library first, or switch to Create.",
      );
      return;
    }
    const outcome = await run({
      prompt: text,
      intent: ws.mode,
      colorMode: ws.palette,
      variantCount: ws.batch ? ws.variantCount : 1,
      engine: ws.engine,
      ...(refining && parent && { parentId: parent.id, parentVariant: ws.variantIndex }),
      ...(ws.attachments.length > 0 && { attachments: ws.attachments }),
    });
    if (outcome === "done") {
      setPrompt("");
      ws.clearAttachments();
    }
  };

  // The live controls' Save: the redrawn icon becomes a refinement of the shown variant.
  const saveEdit = async () => {
    const parent = ws.icon;
    if (!live || !parent || live.changes.length === 0 || generation.running) return;
    await run({
      prompt: describeEdit(live.changes),
      intent: "refine",
      colorMode: parent.colorMode,
      variantCount: 1,
      engine: "local",
      parentId: parent.id,
      parentVariant: ws.variantIndex,
      params: Object.fromEntries(live.changes.map((c) => [c.key, c.to])),
    });
  };

  const run = async (request: GenerateRequest): Promise<"done" | "not-done"> => {
    const refining = request.intent === "refine";
    ws.addLog("prompt", `${refining ? "Refine" : "Create"}: ${request.prompt}`);
    setAnswer(null);
    const outcome = await generation.start(request, (p) => ws.addLog("system", p.message));
    if (outcome.kind === "done") {
      ws.openIcon(outcome.icon);
      const n = outcome.icon.variants.length;
      const changed = describeChanges(outcome.changes);
      ws.addLog("system", `Done: ${n} variant${n === 1 ? "" : "s"} (${outcome.icon.engine}).`);
      toast.show(
        "success",
        changed
          ? `Refined: ${changed}. Saved to your library.`
          : `${refining ? "Refined" : "Generated"} ${n} variant${n === 1 ? "" : "s"}, saved to your library.`,
      );
    } else if (outcome.kind === "not-understood" || outcome.kind === "refused") {
      ws.addLog("error", outcome.answer.message);
      setAnswer(outcome);
    } else if (outcome.kind === "cancelled") {
      ws.addLog("system", "Cancelled.");
      toast.show("info", "Generation cancelled. Your prompt is still in the box.");
    } else if (outcome.kind === "failed") {
      ws.addLog("error", outcome.message);
      toast.show("error", outcome.message);
    }
    return outcome.kind === "done" ? "done" : "not-done";
  };

  const onFiles = async (files: FileList | null) => {
    const results = await Promise.all([...(files ?? [])].map(checkSvgUpload));
    const errors = results.flatMap((r) => (r.ok ? [] : [r.message]));
    const skipped = ws.attach(results.flatMap((r) => (r.ok ? [r.attachment] : [])));
    for (const message of [...errors, ...skipped]) toast.show("error", message);
  };

  useShortcuts({
    "/": () => promptRef.current?.focus(),
    "[": () => ws.stepVariant(-1),
    "]": () => ws.stepVariant(1),
    g: () => ws.setGrid(!ws.grid),
    a: () => ws.setSafeArea(!ws.safeArea),
    c: () => void exports.copySvg(),
    d: () => void exports.downloadSvg(),
    [ESCAPE]: () => (generation.running ? generation.cancel() : closeDrawer()),
    ...Object.fromEntries(TABS.map((t) => [t.key, () => toggleDrawer(t.id)])),
  });

  const panel = (tab: DrawerTab) => {
    switch (tab) {
      case "history":
        return (
          <HistoryPanel
            session={ws.history}
            currentId={ws.icon?.id}
            onOpen={(icon) => void openById(icon.id)}
          />
        );
      case "inspector":
        return (
          <InspectorPanel
            icon={ws.icon}
            variantIndex={ws.variantIndex}
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
            onDeleted={(id) => {
              if (ws.icon?.id === id) ws.closeIcon();
              ws.setHistory(ws.history.filter((i) => i.id !== id));
            }}
          />
        );
      case "session":
        return <SessionPanel log={ws.log} />;
      case "account":
        return <AccountPanel user={user} />;
    }
  };

  return (
    // From md up the shell is exactly one screen tall and only <main> scrolls, so the rail and the
    // drawer stay in place; phones scroll the page as usual above the fixed bottom bar.
    <div className="flex min-h-dvh flex-col md:h-dvh md:flex-row md:overflow-hidden">
      <Rail user={user} open={ws.drawer} onOpen={toggleDrawer} />
      {ws.drawer && (
        <Drawer title={TITLES[ws.drawer]} onClose={closeDrawer}>
          {panel(ws.drawer)}
        </Drawer>
      )}
      {/* On phones an open drawer covers <main>; inert keeps focus and screen readers out of it. */}
      <main
        inert={phone && ws.drawer !== null}
        className="flex flex-1 flex-col items-center gap-4 overflow-y-auto p-3 pb-20 md:p-6"
      >
        <CommandBar
          ws={ws}
          prompt={prompt}
          onPromptChange={setPrompt}
          onSubmit={() => void submit()}
          onCancel={generation.cancel}
          onFiles={(files) => void onFiles(files)}
          running={generation.running}
          promptRef={promptRef}
          answer={
            answer && (
              <PromptAnswerNotice
                value={answer}
                onSuggestion={(text) => {
                  setPrompt(text);
                  promptRef.current?.focus();
                }}
                onDismiss={() => setAnswer(null)}
              />
            )
          }
        />
        <div className="flex w-full flex-col items-center gap-4 md:flex-row md:items-start md:justify-center">
          <Stage
            ws={ws}
            liveSvg={live?.svg ?? null}
            exports={exports}
            progress={generation.progress}
            running={generation.running}
            onCancel={generation.cancel}
            onExample={(text) => {
              setPrompt(text);
              promptRef.current?.focus();
            }}
            onUseAsReference={() => ws.icon && attachIcon(ws.icon, ws.variantIndex)}
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
        <IconReading understood={ws.icon?.understood} unknown={ws.icon?.notUnderstood} />
        <FindingsList variant={ws.icon?.variants[ws.variantIndex]} />
        <p className="hidden text-xs text-zinc-600 md:block dark:text-zinc-400">
          Shortcuts: / prompt · Enter generate · Esc cancel/close · [ ] variants · g grid · a safe area · c
          copy · d download · 1–4 panels
        </p>
      </main>
    </div>
  );
}
