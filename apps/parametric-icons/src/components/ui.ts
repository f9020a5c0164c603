/** Shared Tailwind class lists, so every control has the same visible focus ring and sizes. */
export const focusRing =
  "outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 focus-visible:ring-offset-white dark:focus-visible:ring-offset-zinc-900";

export const buttonBase = `inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${focusRing}`;

export const buttonPrimary = `${buttonBase} bg-sky-700 text-white hover:bg-sky-800 pressed:bg-sky-900`;
export const buttonSecondary = `${buttonBase} border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700`;
export const buttonDanger = `${buttonBase} bg-red-700 text-white hover:bg-red-800`;
export const buttonGhost = `${buttonBase} text-zinc-700 hover:bg-zinc-200 dark:text-zinc-200 dark:hover:bg-zinc-700`;

export const inputBase = `w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-50 dark:placeholder:text-zinc-400 ${focusRing}`;

export const toggleItem = `rounded px-2.5 py-1 text-xs font-medium text-zinc-700 selected:bg-sky-700 selected:text-white dark:text-zinc-200 ${focusRing}`;
export const toggleGroup = "inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-600";

export const label = "text-xs font-medium text-zinc-600 dark:text-zinc-300";
