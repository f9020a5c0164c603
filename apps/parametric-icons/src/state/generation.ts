import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ApiError, errorMessage } from "../lib/api-client";
import { generateIcon } from "../lib/generate";
import type { GenerateProgress, GenerateRequest, Icon } from "../lib/types";
import { ICONS_KEY } from "./icons";
import { endSessionOn401 } from "./query-client";

export type GenerationOutcome =
  | { kind: "done"; icon: Icon }
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
        const icon = await generateIcon(request, abort.signal, (p) => {
          setProgress(p);
          onProgress?.(p);
        });
        await client.invalidateQueries({ queryKey: ICONS_KEY });
        return { kind: "done", icon };
      } catch (error) {
        if (abort.signal.aborted) return { kind: "cancelled" };
        if (error instanceof ApiError && error.status === 401) {
          endSessionOn401(client, error);
          return { kind: "signed-out" };
        }
        return { kind: "failed", message: errorMessage(error) };
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
