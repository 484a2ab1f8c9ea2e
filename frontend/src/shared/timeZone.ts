import { useSyncExternalStore } from "react";
import type { components } from "../api/schema";
import { useMe } from "../features/auth/api";

// The user's time zone: what "today" means in the list's quick filters, and what exports are asked
// to print times in. The browser's zone by default; a user who works in another zone than their
// machine's (a laptop set to UTC, travel) picks theirs on the profile page. It is kept per user in
// this browser only: the server has no such preference yet.

const STORAGE_PREFIX = "crm.tz.";
const listeners = new Set<() => void>();

/** A zone as the API's documents type it: the zones of the server's tz database. */
export type ServerTimeZone = components["schemas"]["TimeZone"];

/**
 * A zone name the browser gave, typed for the API. The browser and the server read the same IANA
 * database, so the names agree; one the server lacks (a zone newer than its build) is answered
 * with a 400 naming `tz`, which the page shows as its error.
 */
export function asServerZone(name: string): ServerTimeZone {
  return name as ServerTimeZone;
}

/** The browser's IANA zone, UTC when the browser will not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Whether Intl knows the zone (a stored name may be one a newer browser dropped or renamed). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone the user chose in this browser, if a valid one. */
export function storedTimeZone(userId: string): string | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_PREFIX + userId) ?? null;
    return value && isTimeZone(value) ? value : null;
  } catch {
    return null;
  }
}

/** Saves the user's zone; null goes back to the browser's. */
export function saveTimeZone(userId: string, zone: string | null): void {
  try {
    if (zone === null) globalThis.localStorage?.removeItem(STORAGE_PREFIX + userId);
    else globalThis.localStorage?.setItem(STORAGE_PREFIX + userId, zone);
  } catch {
    // Storage may be unavailable (private mode); the browser's zone still applies.
  }
  listeners.forEach((listener) => listener());
}

/** The zone to use for this user: their choice, else the browser's. */
export function timeZoneFor(userId: string | undefined): string {
  return (userId && storedTimeZone(userId)) || browserTimeZone();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The signed-in user's zone, following changes made on the profile page. */
export function useTimeZone(): { zone: string; chosen: string | null; save: (zone: string | null) => void } {
  const { data: me } = useMe();
  const userId = me?.id;
  const chosen = useSyncExternalStore(subscribe, () => (userId ? storedTimeZone(userId) : null));
  return {
    zone: chosen ?? browserTimeZone(),
    chosen,
    save: (zone) => userId && saveTimeZone(userId, zone),
  };
}

/** The zones the picker offers; older browsers without supportedValuesOf get the common ones. */
export function timeZoneNames(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const names = intl.supportedValuesOf?.("timeZone") ?? ["UTC", "Asia/Shanghai", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles"];
  return names.includes("UTC") ? names : ["UTC", ...names];
}

// ---- Days in a zone ----------------------------------------------------------------------------

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: number, zone: string): Parts {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const part = (type: string) => Number(parts[type] ?? 0);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour") % 24, minute: part("minute"), second: part("second") };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function offsetAt(instant: number, zone: string): number {
  const p = partsIn(instant, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the zone's clock shows 00:00 of that calendar day (month from 1). Twice round, as the
 * offset at the guess may differ from the offset at midnight on a day the clocks change; where
 * midnight itself is skipped, the first instant of the day.
 */
function midnightIn(year: number, month: number, day: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - offsetAt(wall, zone);
  instant = wall - offsetAt(instant, zone);
  const p = partsIn(instant, zone);
  // Skipped midnight (the clock jumped from 23:59:59 to 01:00): the day starts at the jump.
  if (p.day !== day) instant += 3_600_000 - (p.minute * 60 + p.second) * 1000;
  return instant;
}

/** The first and last millisecond of the calendar day `instant` falls on in `zone`. */
export function dayIn(instant: Date, zone: string): { start: Date; end: Date } {
  const p = partsIn(instant.getTime(), zone);
  const start = midnightIn(p.year, p.month, p.day, zone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  const end = midnightIn(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone) - 1;
  return { start: new Date(start), end: new Date(end) };
}
