import type {
  CreateIconBody as GenerateRequest,
  Asset as Icon,
  ParamChange,
} from "@parametric-portal/contracts/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ApiError, errorMessage } from "../lib/api-client";
import { generateIcon } from "../lib/generate";
import type { GenerateProgress } from "../lib/types";
import { ICONS_KEY } from "./icons";
import { endSessionOn401 } from "./query-client";

/** What the engine could not use in a prompt, from a 422 PROMPT_NOT_UNDERSTOOD. */
export interface NotUnderstood {
  readonly message: string;
  readonly understood: readonly string[];
  readonly unknown: readonly string[];
  readonly suggestions: readonly string[];
}

/** Why a refinement was refused, from a 422 REFINE_REFUSED. */
export interface RefineRefused {
  readonly message: string;
  readonly reason: "forbidden_by_design_system" | "no_change";
  readonly understood: readonly string[];
  readonly unknown: readonly string[];
}

export type GenerationOutcome =
  | { kind: "done"; icon: Icon; changes: readonly ParamChange[] }
  // Answered honestly by the API and stored nowhere: the web app shows these in place.
  | { kind: "not-understood"; answer: NotUnderstood }
  | { kind: "refused"; answer: RefineRefused }
  | { kind: "cancelled" }
  // The session ended meanwhile; the app already says so and shows the sign-in screen.
  | { kind: "signed-out" }
  | { kind: "failed"; message: string };

/** One generation at a time, with streamed progress and cancellation through an AbortController. */
export const useGeneration = () => {
  const client = useQueryClient();
  const controller = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<GenerateProgress | null>(null);
  const [running, setRunning] = useState(false);

  const start = useCallback(
    async (
      request: GenerateRequest,
      onProgress?: (p: GenerateProgress) => void,
    ): Promise<GenerationOutcome> => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setRunning(true);
      setProgress({ stage: "sending", message: "Sending your prompt…" });
      try {
        const result = await generateIcon(request, abort.signal, (p) => {
          setProgress(p);
          onProgress?.(p);
        });
        await client.invalidateQueries({ queryKey: ICONS_KEY });
        return { kind: "done", icon: result.icon, changes: result.changes ?? [] };
      } catch (error) {
        if (abort.signal.aborted) return { kind: "cancelled" };
        if (error instanceof ApiError && error.status === 401) {
          endSessionOn401(client, error);
          return { kind: "signed-out" };
        }
        const refusal = error instanceof ApiError ? readRefusal(error) : null;
        return refusal ?? { kind: "failed", message: errorMessage(error) };
      } finally {
        if (controller.current === abort) {
          controller.current = null;
          setRunning(false);
          setProgress(null);
        }
      }
    },
    [client],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { start, cancel, running, progress };
};

const words = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((w): w is string => typeof w === "string") : [];

/** The two honest "no" answers of the API, read from the error's details. */
export const readRefusal = (error: ApiError): GenerationOutcome | null => {
  const details = (error.details ?? {}) as Record<string, unknown>;
  const understood = words(details.understood);
  const unknown = words(details.unknown);
  if (error.code === "PROMPT_NOT_UNDERSTOOD") {
    const suggestions = words(details.suggestions).slice(0, 3);
    return { kind: "not-understood", answer: { message: error.message, understood, unknown, suggestions } };
  }
  if (error.code === "REFINE_REFUSED") {
    const reason = details.reason === "forbidden_by_design_system" ? details.reason : "no_change";
    return { kind: "refused", answer: { message: error.message, reason, understood, unknown } };
  }
  return null;
};
