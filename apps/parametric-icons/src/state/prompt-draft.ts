import { useCallback, useRef, useState } from "react";
import type { PromptAnswer } from "../components/prompt-answer";
import { loadDraft, saveDraft } from "./drafts";

/**
 * The prompt being written (kept as a draft across reloads) and the engine's answer when it could
 * not use the last one; editing the prompt clears that answer.
 */
export const usePromptDraft = () => {
  const [prompt, setPromptState] = useState(loadDraft);
  const [answer, setAnswer] = useState<PromptAnswer | null>(null);
  const promptRef = useRef<HTMLInputElement>(null);
  const setPrompt = useCallback((text: string) => {
    setPromptState(text);
    saveDraft(text);
    setAnswer(null);
  }, []);
  /** Puts text in the box and the cursor after it (examples, suggestions). */
  const suggest = useCallback(
    (text: string) => {
      setPrompt(text);
      promptRef.current?.focus();
    },
    [setPrompt],
  );
  return { prompt, setPrompt, suggest, answer, setAnswer, promptRef };
};
