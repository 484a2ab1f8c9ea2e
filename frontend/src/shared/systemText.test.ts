import { afterAll, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import { entityName, roleDescription, roleName } from "./systemText";

describe("built-in system text", () => {
  const before = i18n.language;
  afterAll(() => void i18n.changeLanguage(before));

  it("names built-in roles and record types in the user's language", async () => {
    await i18n.changeLanguage("zh-CN");
    const t = i18n.t.bind(i18n);
    expect(roleName(t, "sales_rep")).toBe("销售代表");
    expect(roleName(t, "admin")).toBe("系统管理员");
    expect(roleName(t, "华东大区经理")).toBe("华东大区经理");
    expect(roleDescription(t, { name: "sales_manager", description: "Sales manager: the department tree's records", builtin: true })).not.toMatch(/[a-z]{3}/);
    expect(roleDescription(t, { name: "custom", description: "自定义", builtin: false })).toBe("自定义");
    expect(entityName(t, "suppliers")).toBe("供应商");
    expect(entityName(t, "product_categories")).toBe("产品类别");
    expect(entityName(t, "brand_new")).toBe("brand_new");
    await i18n.changeLanguage("en");
    expect(roleName(i18n.t.bind(i18n), "sales_rep")).toBe("Sales representative");
  });
});
