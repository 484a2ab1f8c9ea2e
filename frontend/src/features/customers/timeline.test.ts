import { describe, expect, it } from "vitest";
import type { TimelineItem } from "../../api/types";
import { mergeTimelinePages, nextTimelinePage, timelineActorId, timelineChanges, timelineKey } from "./timeline";

const followUp = (id: string, at: string): TimelineItem => ({
  kind: "follow_up",
  at,
  actor_id: "u1",
  actor_name: null,
  changes: [],
  follow_up: { id, customer_id: "c", kind: "phone", content: "x", occurred_at: at, owner_id: "u1", participant_ids: [], version: 1, created_at: at },
});
const logged = (kind: string, at: string, changes: TimelineItem["changes"] = []): TimelineItem => ({ kind, at, actor_id: "u2", actor_name: "管理员", changes });

describe("timeline entries", () => {
  it("shows a release's pool and reason, not its bookkeeping", () => {
    const item = logged("release", "2026-12-06T01:00:00Z", [
      { field: "pool", before: "potential", after: "public" },
      { field: "pool_reason", before: null, after: "预算冻结" },
      { field: "updated_at", before: "a", after: "b" },
      { field: "version", before: 1, after: 2 },
    ]);
    expect(timelineChanges(item).map((c) => c.field)).toEqual(["pool", "pool_reason"]);
  });

  it("reads an owner change by name when the log has it, else by id", () => {
    const both = logged("transfer", "t", [
      { field: "owner_id", before: "a", after: "b" },
      { field: "owner_name", before: "张三", after: "李四" },
    ]);
    expect(timelineChanges(both).map((c) => c.field)).toEqual(["owner_name"]);
    const idOnly = logged("claim", "t", [{ field: "owner_id", before: null, after: "b" }]);
    expect(timelineChanges(idOnly).map((c) => c.field)).toEqual(["owner_id"]);
  });

  it("lists no fields for a creation", () => {
    expect(timelineChanges(logged("create", "t", [{ field: "name", before: null, after: "A" }]))).toEqual([]);
  });

  it("keys a follow-up by id and a logged change by what, when and who", () => {
    expect(timelineKey(followUp("f1", "t"))).toBe("follow_up:f1");
    expect(timelineKey(logged("release", "2026-12-06T01:00:00Z"))).toBe("release:2026-12-06T01:00:00Z:u2");
  });

  it("shows an entry pushed onto the next page once", () => {
    const a = followUp("a", "3");
    const b = logged("update", "2");
    const c = logged("create", "1");
    expect(mergeTimelinePages([{ items: [a, b] }, { items: [b, c] }])).toEqual([a, b, c]);
  });

  it("looks up a follow-up's author by its owner when the entry names nobody", () => {
    expect(timelineActorId({ ...followUp("f", "t"), actor_id: null })).toBe("u1");
    expect(timelineActorId(logged("update", "t"))).toBe("u2");
  });
});

describe("timeline paging", () => {
  it("asks for the next page until the total is reached", () => {
    expect(nextTimelinePage({ page: 1, page_size: 20, total: 41 })).toBe(2);
    expect(nextTimelinePage({ page: 3, page_size: 20, total: 41 })).toBeUndefined();
    expect(nextTimelinePage({ page: 2, page_size: 20, total: 40 })).toBeUndefined();
  });
});
