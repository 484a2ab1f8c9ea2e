import { useEffect } from "react";
import { useMe } from "../../features/auth/api";
import type { SearchHit } from "../registry";

/** A record the user opened, newest first in the list. */
export type RecentEntry = SearchHit & { viewedAt: number };

/** How many records the list keeps. */
export const MAX_RECENTS = 10;

type Store = Pick<Storage, "getItem" | "setItem">;

/** Per user: people sharing a browser do not see each other's records. */
export function recentsKey(userId: string): string {
  return `crm.recents.${userId}`;
}

function isEntry(value: unknown): value is RecentEntry {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.source === "string" && typeof v.id === "string" && typeof v.title === "string" && typeof v.path === "string" && typeof v.viewedAt === "number";
}

/** The stored list; anything unreadable (another version's shape, a hand edit) is dropped, not thrown. */
export function parseRecents(raw: string | null): RecentEntry[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isEntry).slice(0, MAX_RECENTS) : [];
  } catch {
    return [];
  }
}

/** The list with `hit` at its head: once, newest first, at most MAX_RECENTS. */
export function withRecent(list: readonly RecentEntry[], hit: SearchHit, now: number): RecentEntry[] {
  const entry: RecentEntry = { source: hit.source, id: hit.id, title: hit.title, subtitle: hit.subtitle, path: hit.path, viewedAt: now };
  return [entry, ...list.filter((e) => !(e.source === hit.source && e.id === hit.id))].slice(0, MAX_RECENTS);
}

function storage(): Store | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function readRecents(userId: string, store: Store | undefined = storage()): RecentEntry[] {
  try {
    return parseRecents(store?.getItem(recentsKey(userId)) ?? null);
  } catch {
    return [];
  }
}

export function recordRecent(userId: string, hit: SearchHit, store: Store | undefined = storage(), now = Date.now()): void {
  try {
    store?.setItem(recentsKey(userId), JSON.stringify(withRecent(readRecents(userId, store), hit, now)));
  } catch {
    // Storage full or off (a private window): the list simply does not grow.
  }
}

/**
 * Records a detail page's record once it has loaded (and again when its title changes, so the
 * list shows the saved name).
 */
export function useRecordRecent<T>(source: { hit: (record: T) => SearchHit }, record: T | undefined): void {
  const { data: me } = useMe();
  const hit = record === undefined ? undefined : source.hit(record);
  const userId = me?.id;
  const key = hit && JSON.stringify([hit.source, hit.id, hit.title, hit.subtitle, hit.path]);
  useEffect(() => {
    if (userId && hit) recordRecent(userId, hit);
    // `key` stands for the hit's content; a new object with the same content is no new visit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, key]);
}
