import { describe, expect, it } from "vitest";
import { MEMBER_LIMIT, planMembers, readAllMembers, readCeiling, type MemberPage } from "./members";

const ids = (n: number, prefix = "c") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("planMembers", () => {
  it("adds the selection to the visible members, once each", () => {
    expect(planMembers(["a", "b"], ["b", "c", "c"], "add")).toEqual({ ok: true, ids: ["a", "b", "c"], changed: 1 });
  });

  it("removes the selection, ignoring customers that were not members", () => {
    expect(planMembers(["a", "b", "c"], ["b", "x"], "remove")).toEqual({ ok: true, ids: ["a", "c"], changed: 1 });
  });

  it("changes nothing when every selected customer is already in (or out)", () => {
    expect(planMembers(["a"], ["a"], "add")).toEqual({ ok: true, ids: ["a"], changed: 0 });
    expect(planMembers([], ["a"], "remove")).toEqual({ ok: true, ids: [], changed: 0 });
  });

  it("refuses a set over the PUT's limit", () => {
    expect(planMembers(ids(MEMBER_LIMIT - 1), ["x", "y"], "add")).toEqual({ ok: false, count: MEMBER_LIMIT + 1 });
    expect(planMembers(ids(MEMBER_LIMIT), ["x"], "add")).toEqual({ ok: false, count: MEMBER_LIMIT + 1 });
    expect(planMembers(ids(MEMBER_LIMIT - 1), ["x"], "add")).toMatchObject({ ok: true, changed: 1 });
  });

  it("lets a removal bring an oversized group back under the limit", () => {
    const plan = planMembers(ids(MEMBER_LIMIT + 2), ["c0", "c1", "c2"], "remove");
    expect(plan).toMatchObject({ ok: true, changed: 3 });
    expect(plan.ok && plan.ids.length).toBe(MEMBER_LIMIT - 1);
    expect(planMembers(ids(MEMBER_LIMIT + 2), ["c0"], "remove")).toEqual({ ok: false, count: MEMBER_LIMIT + 1 });
  });
});

/** A member list of `all` served in pages of `size`, recording the pages asked for. */
function pager(all: string[], size: number) {
  const asked: number[] = [];
  const fetchPage = async (page: number): Promise<MemberPage> => {
    asked.push(page);
    return { ids: all.slice((page - 1) * size, page * size), total: all.length };
  };
  return { asked, fetchPage };
}

describe("readAllMembers", () => {
  it("pages until the list is done", async () => {
    const { asked, fetchPage } = pager(ids(450), 200);
    const read = await readAllMembers(fetchPage, MEMBER_LIMIT, 200);
    expect(read.ok && read.ids.length).toBe(450);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("stops on an exact last page without asking for an empty one", async () => {
    const { asked, fetchPage } = pager(ids(400), 200);
    const read = await readAllMembers(fetchPage, MEMBER_LIMIT, 200);
    expect(read.ok && read.ids.length).toBe(400);
    expect(asked).toEqual([1, 2]);
  });

  it("reads an empty group with one request", async () => {
    const { asked, fetchPage } = pager([], 200);
    expect(await readAllMembers(fetchPage, MEMBER_LIMIT, 200)).toEqual({ ok: true, ids: [] });
    expect(asked).toEqual([1]);
  });

  it("stops after the first page when the group is over the ceiling", async () => {
    const { asked, fetchPage } = pager(ids(1500), 200);
    expect(await readAllMembers(fetchPage, MEMBER_LIMIT, 200)).toEqual({ ok: false, count: 1500 });
    expect(asked).toEqual([1]);
  });

  it("ends even if the server keeps answering full pages", async () => {
    let calls = 0;
    const endless = async (page: number): Promise<MemberPage> => {
      calls += 1;
      return { ids: ids(10, `p${page}-`), total: 20 };
    };
    const read = await readAllMembers(endless, 20, 10);
    expect(read.ok && read.ids.length).toBe(20);
    expect(calls).toBe(2);
  });
});

describe("readCeiling", () => {
  it("allows a removal to start from more members than the limit", () => {
    expect(readCeiling("add", 5)).toBe(MEMBER_LIMIT);
    expect(readCeiling("remove", 5)).toBe(MEMBER_LIMIT + 5);
  });
});
