/** The one date format of the app: "30 Nov 2026, 07:56" in the user's locale and time zone. */
const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
/** Its time-only form, for lists that are all of today (the session log): "07:56:12". */
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

const format = (when: string | Date, style: Intl.DateTimeFormat): string => {
  const date = new Date(when);
  return Number.isNaN(date.getTime()) ? String(when) : style.format(date);
};

export const formatDate = (when: string | Date): string => format(when, FORMAT);

export const formatTime = (when: string | Date): string => format(when, TIME_FORMAT);
