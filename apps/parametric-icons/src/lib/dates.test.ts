import { describe, expect, it } from "vitest";
import { formatDate, formatTime } from "./dates";

describe("the app's one date format", () => {
  const iso = "2026-11-30T07:56:12.000Z";
  const date = new Date(iso);

  it("formats a date and time, from an ISO string or a Date alike", () => {
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(
      date,
    );
    expect(formatDate(iso)).toBe(expected);
    expect(formatDate(date)).toBe(expected);
  });

  it("has a time-only form for same-day lists", () => {
    const expected = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" }).format(date);
    expect(formatTime(date)).toBe(expected);
    expect(formatTime(iso)).toBe(expected);
    expect(formatTime(date)).not.toBe(formatDate(date));
  });

  it("shows an unreadable value as it came rather than 'Invalid Date'", () => {
    expect(formatDate("not a date")).toBe("not a date");
    expect(formatTime("not a date")).toBe("not a date");
  });
});
