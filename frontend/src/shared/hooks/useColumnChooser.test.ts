import { describe, expect, it } from "vitest";
import { choiceFromKeys, columnStorageKey, isColumnVisible, readColumnChoice, writeColumnChoice } from "./useColumnChooser";

function memory(): Pick<Storage, "getItem" | "setItem" | "removeItem"> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe("column chooser storage", () => {
  it("keys the choice by user and list", () => {
    expect(columnStorageKey("u1", "customers")).toBe("crm.columns.u1.customers");
    expect(columnStorageKey("u2", "customers")).not.toBe(columnStorageKey("u1", "customers"));
  });

  it("round-trips a choice and forgets an empty one", () => {
    const storage = memory();
    const key = columnStorageKey("u1", "customers");
    writeColumnChoice(storage, key, { phone: false, email: true });
    expect(readColumnChoice(storage, key)).toEqual({ phone: false, email: true });
    writeColumnChoice(storage, key, {});
    expect(storage.data.has(key)).toBe(false);
  });

  it("ignores broken or foreign values", () => {
    const storage = memory();
    storage.setItem("a", "not json");
    storage.setItem("b", JSON.stringify(["phone"]));
    storage.setItem("c", JSON.stringify({ phone: false, city: "yes" }));
    expect(readColumnChoice(storage, "a")).toEqual({});
    expect(readColumnChoice(storage, "b")).toEqual({});
    expect(readColumnChoice(storage, "c")).toEqual({ phone: false });
    expect(readColumnChoice(undefined, "c")).toEqual({});
  });

  it("uses the column's default until the user chooses", () => {
    expect(isColumnVisible({ key: "phone" }, {})).toBe(true);
    expect(isColumnVisible({ key: "email", defaultVisible: false }, {})).toBe(false);
    expect(isColumnVisible({ key: "email", defaultVisible: false }, { email: true })).toBe(true);
    expect(isColumnVisible({ key: "phone" }, { phone: false })).toBe(false);
  });

  it("turns a saved view's columns into a choice over the optional ones", () => {
    const columns = [{ key: "phone" }, { key: "email", defaultVisible: false }, { key: "city" }];
    const choice = choiceFromKeys(columns, ["code", "name", "email", "gone"]);
    expect(choice).toEqual({ phone: false, email: true, city: false });
    expect(columns.filter((c) => isColumnVisible(c, choice)).map((c) => c.key)).toEqual(["email"]);
  });
});
