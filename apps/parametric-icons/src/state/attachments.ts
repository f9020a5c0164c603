import { useCallback, useState } from "react";
import { addAttachments } from "../lib/svg-upload";
import type { Attachment } from "../lib/types";

/** Style-reference SVGs sent with the next generation. */
export const useAttachments = () => {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  /** Adds what fits; returns a message for each attachment that was skipped. */
  const attach = useCallback(
    (incoming: readonly Attachment[]): string[] => {
      const result = addAttachments(attachments, incoming);
      setAttachments(result.attachments);
      return result.skipped;
    },
    [attachments],
  );
  const detach = useCallback((svg: string) => setAttachments((all) => all.filter((a) => a.svg !== svg)), []);
  const clear = useCallback(() => setAttachments([]), []);
  return { attachments, attach, detach, clear };
};
