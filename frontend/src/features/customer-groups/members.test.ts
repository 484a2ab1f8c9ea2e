import { describe, expect, it } from "vitest";
import { MEMBER_LIMIT, membersChanged, selectMembers } from "./members";

const ids = (n: number, prefix = "c") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("selectMembers", () => {
  it("sends each selected customer once", () => {
    expect(selectMembers(["b", "c", "c", "b"])).toEqual({ ok: true, ids: ["b", "c"] });
  });

  it("takes up to the request's limit and refuses more, before any request", () => {
    expect(selectMembers(ids(MEMBER_LIMIT))).toMatchObject({ ok: true });
    expect(selectMembers([...ids(MEMBER_LIMIT), "x"])).toEqual({ ok: false, count: MEMBER_LIMIT + 1 });
    expect(selectMembers([...ids(MEMBER_LIMIT), "c0"])).toMatchObject({ ok: true });
  });
});

describe("membersChanged", () => {
  it("counts what an addition or a removal changed", () => {
    expect(membersChanged(3, 5)).toBe(2);
    expect(membersChanged(5, 4)).toBe(1);
    expect(membersChanged(5, 5)).toBe(0);
  });
});
