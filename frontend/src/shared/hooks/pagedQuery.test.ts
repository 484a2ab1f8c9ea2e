import { describe, expect, it } from "vitest";
import { nextPageParams, sorterToSort, sortOrderOf, tableChangeToParams } from "./pagedQuery";

describe("paged table parameters", () => {
  it("maps pagination and a descending sort", () => {
    expect(tableChangeToParams({ current: 3, pageSize: 20 }, { field: "created_at", order: "descend" })).toEqual({
      page: 3,
      page_size: 20,
      sort: "-created_at",
    });
  });

  it("maps an ascending sort by column key", () => {
    expect(sorterToSort({ columnKey: "username", field: "username", order: "ascend" })).toBe("username");
  });

  it("falls back to the default sort when none is chosen", () => {
    expect(tableChangeToParams({ current: 1, pageSize: 10 }, { field: "name", order: undefined }, "-created_at").sort).toBe(
      "-created_at",
    );
    expect(tableChangeToParams({}, [], undefined)).toEqual({ page: 1, page_size: 10, sort: undefined });
  });

  it("joins several sorted columns", () => {
    expect(
      sorterToSort([
        { columnKey: "last_login_at", order: "descend" },
        { columnKey: "name", order: "ascend" },
      ]),
    ).toBe("-last_login_at,name");
  });
});

describe("the next list parameters", () => {
  const sortedByHidden = { page: 1, page_size: 20, sort: "-created_at" };

  it("keeps the sort while paging, even by a column the table does not show", () => {
    expect(nextPageParams(sortedByHidden, "paginate", { current: 2, pageSize: 50 }, [], "-updated_at")).toEqual({ page: 2, page_size: 50, sort: "-created_at" });
  });

  it("takes the sort the user clicked", () => {
    expect(nextPageParams(sortedByHidden, "sort", { current: 1, pageSize: 20 }, { columnKey: "name", order: "ascend" }, "-updated_at").sort).toBe("name");
    expect(nextPageParams(sortedByHidden, "sort", { current: 1, pageSize: 20 }, { columnKey: "name", order: undefined }, "-updated_at").sort).toBe("-updated_at");
  });
});

describe("sort arrows", () => {
  it("follows the sort, but not the default one", () => {
    expect(sortOrderOf("name", "name", "-updated_at")).toBe("ascend");
    expect(sortOrderOf("-next_follow_up_at", "next_follow_up_at", "-updated_at")).toBe("descend");
    expect(sortOrderOf("-next_follow_up_at", "name", "-updated_at")).toBeNull();
    expect(sortOrderOf("-updated_at", "updated_at", "-updated_at")).toBeNull();
    expect(sortOrderOf(undefined, "name")).toBeNull();
  });
});
