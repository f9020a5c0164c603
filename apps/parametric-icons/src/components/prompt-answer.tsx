import { Button } from "react-aria-components";
import type { NotUnderstood, RefineRefused } from "../state/generation";
import { buttonGhost, buttonSecondary } from "./ui";

/** The last prompt's honest "no", kept until the prompt changes or the user dismisses it. */
export type PromptAnswer =
  | { readonly kind: "not-understood"; readonly answer: NotUnderstood }
  | { readonly kind: "refused"; readonly answer: RefineRefused };

const REASONS: Record<RefineRefused["reason"], string> = {
  forbidden_by_design_system: "The design system fixes this, so the icon was left as it is.",
  no_change: "Nothing in the prompt changes the icon.",
};

const WordList = ({ title, words }: { readonly title: string; readonly words: readonly string[] }) =>
  words.length === 0 ? null : (
    <p>
      <span className="font-medium">{title}:</span> {words.join(", ")}
    </p>
  );

/**
 * Shown under the prompt, where the user is looking, before anything was saved: what was read,
 * what was not, and (when not understood) up to three suggestions that replace the prompt.
 */
export function PromptAnswerNotice(props: {
  readonly value: PromptAnswer;
  readonly onSuggestion: (text: string) => void;
  readonly onDismiss: () => void;
}) {
  const { value } = props;
  const title =
    value.kind === "not-understood"
      ? "Not understood — nothing was saved"
      : "Refine refused — nothing was saved";
  return (
    <section
      role="alert"
      aria-label={title}
      data-testid="prompt-answer"
      className="flex flex-col gap-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-zinc-900 dark:border-amber-500 dark:bg-zinc-800 dark:text-zinc-100"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        <Button className={`${buttonGhost} px-2 py-0.5`} aria-label="Dismiss" onPress={props.onDismiss}>
          ×
        </Button>
      </div>
      <p>{value.answer.message}</p>
      {value.kind === "refused" && <p>{REASONS[value.answer.reason]}</p>}
      <WordList title="Understood" words={value.answer.understood} />
      <WordList title="Not understood" words={value.answer.unknown} />
      {value.kind === "not-understood" && value.answer.suggestions.length > 0 && (
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">Did you mean:</span>
          {value.answer.suggestions.map((s) => (
            <Button key={s} className={buttonSecondary} onPress={() => props.onSuggestion(s)}>
              {s}
            </Button>
          ))}
        </div>
      )}
    </section>
  );
}

/** What the engine read from the shown icon's prompt: every result says what was understood. */
export function IconReading(props: {
  readonly understood: readonly string[] | undefined;
  readonly unknown: readonly string[] | undefined;
}) {
  if (!props.understood?.length && !props.unknown?.length) return null;
  return (
    <div
      data-testid="icon-reading"
      className="flex w-full max-w-[min(32rem,70dvh)] flex-col text-xs text-zinc-700 dark:text-zinc-300"
    >
      <WordList title="Understood" words={props.understood ?? []} />
      <WordList title="Not understood" words={props.unknown ?? []} />
    </div>
  );
}
