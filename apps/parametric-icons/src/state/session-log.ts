import { useCallback, useState } from "react";

export interface LogEntry {
  readonly id: number;
  readonly at: Date;
  readonly kind: "prompt" | "system" | "error";
  readonly text: string;
}

let logId = 1;

/** What happened this session (prompts, progress, errors), newest last, the last 200 kept. */
export const useSessionLog = () => {
  const [log, setLog] = useState<LogEntry[]>([]);
  const addLog = useCallback((kind: LogEntry["kind"], text: string) => {
    setLog((all) => [...all.slice(-199), { id: logId++, at: new Date(), kind, text }]);
  }, []);
  return { log, addLog };
};
