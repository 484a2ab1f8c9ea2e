import type { FieldChange, TimelineItem } from "../../api/types";

/**
 * Bookkeeping the log keeps on every change; on a timeline they only repeat the entry's own time
 * and author.
 */
const NOISE_FIELDS = new Set(["id", "version", "created_at", "created_by", "updated_at", "deleted_at", "deleted_by"]);

/**
 * The before/after pairs worth reading on a timeline entry. A creation lists every field the
 * record started with, which the profile tab shows better, so it shows none; an owner change
 * logged with the owner's name too reads by that name rather than by the id.
 */
export function timelineChanges(item: Pick<TimelineItem, "kind" | "changes">): FieldChange[] {
  if (item.kind === "create" || item.kind === "follow_up") return [];
  const named = item.changes.some((c) => c.field === "owner_name");
  return item.changes.filter((c) => !NOISE_FIELDS.has(c.field) && !(named && c.field === "owner_id"));
}

/** A stable key: a follow-up by its id, a logged change by what, when and who (the API sends no id). */
export function timelineKey(item: Pick<TimelineItem, "kind" | "at" | "actor_id" | "follow_up">): string {
  return item.follow_up ? `follow_up:${item.follow_up.id}` : `${item.kind}:${item.at}:${item.actor_id ?? ""}`;
}

/**
 * The pages loaded so far as one list. The pages are offsets into a list that grows at the top, so
 * an entry added between two page loads pushes the last one of a page onto the next: it is shown once.
 */
export function mergeTimelinePages(pages: readonly { items: readonly TimelineItem[] }[]): TimelineItem[] {
  const seen = new Set<string>();
  const out: TimelineItem[] = [];
  for (const item of pages.flatMap((p) => p.items)) {
    const key = timelineKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/**
 * Who wrote a timeline entry, as an id to look up: the log names people by username and a
 * follow-up by nobody, while the rest of the page shows display names.
 */
export function timelineActorId(item: Pick<TimelineItem, "actor_id" | "follow_up">): string | undefined {
  return item.actor_id ?? item.follow_up?.owner_id ?? undefined;
}

/** The page after `last`, or undefined when it was the last one ("load more" then disappears). */
export function nextTimelinePage(last: { page: number; page_size: number; total: number }): number | undefined {
  return last.page * last.page_size < last.total ? last.page + 1 : undefined;
}
