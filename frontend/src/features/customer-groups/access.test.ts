import { describe, expect, it } from "vitest";
import { groupAccess } from "./access";

const me = (scopes: ("self" | "self_and_subordinates" | "department" | "department_tree" | "all")[]) => ({ id: "me", data_scopes: scopes });

describe("groupAccess", () => {
  it("lets the owner change their group, shared or not", () => {
    expect(groupAccess({ owner_id: "me", shared: true }, me(["self"]))).toBe("change");
    expect(groupAccess({ owner_id: "me", shared: false }, me(["self"]))).toBe("change");
  });

  it("reads a visible unshared group as one in the user's scope", () => {
    expect(groupAccess({ owner_id: "other", shared: false }, me(["department"]))).toBe("change");
  });

  it("decides a colleague's shared group by the scope where the browser can", () => {
    expect(groupAccess({ owner_id: "other", shared: true }, me(["self"]))).toBe("read");
    expect(groupAccess({ owner_id: "other", shared: true }, me(["self", "all"]))).toBe("change");
    expect(groupAccess({ owner_id: "other", shared: true }, me(["department_tree"]))).toBe("unknown");
  });

  it("offers nothing before the user is known", () => {
    expect(groupAccess({ owner_id: "other", shared: false }, undefined)).toBe("read");
  });
});
