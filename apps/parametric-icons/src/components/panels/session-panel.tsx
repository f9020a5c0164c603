import { formatTime } from "../../lib/dates";
import type { LogEntry } from "../../state/session-log";

const COLOR: Record<LogEntry["kind"], string> = {
  prompt: "",
  system: "text-zinc-600 dark:text-zinc-300",
  error: "text-red-700 dark:text-red-300",
};

/** A log of prompts and system messages for this session, newest last. */
export function SessionPanel({ log }: { log: readonly LogEntry[] }) {
  if (log.length === 0)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        Prompts and system messages of this session appear here.
      </p>
    );
  return (
    <ol className="flex flex-col gap-1 text-sm">
      {log.map((e) => (
        <li key={e.id} className={COLOR[e.kind]}>
          <time
            className="mr-2 text-xs tabular-nums text-zinc-500 dark:text-zinc-400"
            dateTime={e.at.toISOString()}
          >
            {formatTime(e.at)}
          </time>
          {e.kind === "prompt" ? `› ${e.text}` : e.text}
        </li>
      ))}
    </ol>
  );
}
