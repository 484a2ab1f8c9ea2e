import { describe, expect, it } from "vitest";
import { actionsColumnWidth, labelWidth } from "./rowActions";
import { tableScrollX } from "./tableWidth";

describe("table widths", () => {
  it("adds up the columns and the checkboxes", () => {
    expect(tableScrollX([{ width: 100 }, { width: 150 }])).toBe(250);
    expect(tableScrollX([{ width: 100 }, { width: 48 }], true)).toBe(180);
  });

  it("lets the table size itself when a column has no width", () => {
    expect(tableScrollX([{ width: 100 }, {}])).toBe("max-content");
    expect(tableScrollX([{ width: "20%" }])).toBe("max-content");
  });

  it("makes the actions column as narrow as its buttons and menu", () => {
    expect(actionsColumnWidth(["放回公海", "标记无效"], 0)).toBe(48);
    // One button and the menu.
    expect(actionsColumnWidth(["编辑", "变更记录", "删除"], 1)).toBe(labelWidth("变更记录") + 32 + 16);
    // A menu of one shows as its button.
    expect(actionsColumnWidth(["Edit", "Delete"], 1)).toBe(labelWidth("Delete") * 2 + 16);
    expect(actionsColumnWidth(["编辑"], 1)).toBe(labelWidth("编辑") + 16);
  });
});
