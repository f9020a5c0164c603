import type {
  DoneEvent as Generated,
  CreateIconBody as GenerateRequest,
} from "@parametric-portal/contracts/icons";
import { apiRequest } from "./api-client";
import { readGenerationStream } from "./sse";
import type { GenerateProgress } from "./types";

/** POST /icons asking for Server-Sent Events; falls back to the plain JSON answer if that is what came. */
export const generateIcon = async (
  request: GenerateRequest,
  signal: AbortSignal,
  onProgress: (progress: GenerateProgress) => void,
): Promise<Generated> => {
  const res = await apiRequest("/icons", {
    method: "POST",
    body: request,
    signal,
    accept: "text/event-stream",
  });
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("text/event-stream") && res.body) return readGenerationStream(res.body, { onProgress });
  return (await res.json()) as Generated;
};
