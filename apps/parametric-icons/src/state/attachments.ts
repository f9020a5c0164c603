import { useCallback, useState } from "react";
import { addAttachments } from "../lib/svg-upload";
import type { Attachment } from "../lib/types";

/** An incoming reference and, when the sanitiser cut parts of it, what it removed. */
export type IncomingAttachment = Attachment & { readonly removed?: string | null };

/** Style-reference SVGs sent with the next generation. */
export const useAttachments = () => {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  // Kept beside the list, not in it: the list is sent to the API as it is.
  const [removed, setRemoved] = useState<Readonly<Record<string, string>>>({});
  /** Adds what fits; returns a message for each attachment that was skipped. */
  const attach = useCallback(
    (incoming: readonly IncomingAttachment[]): string[] => {
      const result = addAttachments(
        attachments,
        incoming.map(({ name, svg }) => ({ name, svg })),
      );
      setAttachments(result.attachments);
      const notes = incoming.flatMap((i) => (i.removed ? [[i.svg, i.removed] as const] : []));
      if (notes.length) setRemoved((before) => ({ ...before, ...Object.fromEntries(notes) }));
      return result.skipped;
    },
    [attachments],
  );
  const detach = useCallback((svg: string) => {
    setAttachments((all) => all.filter((a) => a.svg !== svg));
    setRemoved(({ [svg]: _gone, ...rest }) => rest);
  }, []);
  const clear = useCallback(() => {
    setAttachments([]);
    setRemoved({});
  }, []);
  return { attachments, removed, attach, detach, clear };
};
